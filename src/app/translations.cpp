#include "app/translations.hpp"

#include "domain/locale.hpp"
#include "domain/validation.hpp"

namespace gatepass::app {

namespace {
// A key is echoed in the field name: bound it so a hostile key cannot make the answer large.
std::string key_name(const std::string& field, const std::string& key) {
  return field + "." + (key.size() > 35 ? key.substr(0, 35) + "…" : key);
}
}  // namespace

LocaleTexts checked_texts(const LocaleTexts& texts, const std::string& field, std::size_t max_length,
                          const std::string& default_locale, FieldErrors& errors) {
  if (!texts.contains(default_locale))
    errors.add(field + "." + default_locale, "is required: the text in the event's default language");
  LocaleTexts out;
  for (const auto& [key, text] : texts) {
    if (!locale::is_shipped(key)) {
      errors.add(key_name(field, key), "is not a language Gatepass ships (en, de, fr, es)");
      continue;
    }
    if (auto err = validation::check_text(text, max_length, true)) errors.add(key_name(field, key), *err);
    out.emplace(key, validation::trim(text));
  }
  return out;
}

void settle_texts(LocaleTexts& texts, std::optional<std::string>& plain, bool plain_written, const std::string& field,
                  const std::string& default_locale, FieldErrors& errors) {
  if (texts.empty()) return;
  if (plain_written) {
    if (plain) texts[default_locale] = *plain;
    else texts.clear();  // no text in the default language: no translations of it either
    return;
  }
  if (const auto it = texts.find(default_locale); it != texts.end()) plain = it->second;
  else errors.add(field + "." + default_locale, "is required: the text in the event's default language");
}

void settle_texts(LocaleTexts& texts, std::string& plain, bool plain_written, const std::string& field,
                  const std::string& default_locale, FieldErrors& errors) {
  std::optional<std::string> p = plain;
  settle_texts(texts, p, plain_written, field, default_locale, errors);
  if (p) plain = *p;
}

void throw_if_bad_translations(const FieldErrors& errors) {
  if (!errors.empty()) throw Error(ErrorCode::invalid_translation, "Some translations are invalid", errors.fields());
}

}  // namespace gatepass::app
