#include "store/locale_texts_column.hpp"

#include <boost/json.hpp>

namespace gatepass::store {

std::string texts_to_column(const LocaleTexts& texts) {
  boost::json::object o;
  for (const auto& [locale, text] : texts) o[locale] = text;
  return boost::json::serialize(o);
}

LocaleTexts texts_from_column(const std::string& column) {
  LocaleTexts out;
  if (column.empty() || column == "{}") return out;
  std::error_code ec;
  const auto v = boost::json::parse(column, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [locale, text] : v.as_object())
    if (text.is_string()) out.emplace(std::string(locale), std::string(text.as_string()));
  return out;
}

}  // namespace gatepass::store
