#include "http/request_locale.hpp"

#include "domain/locale.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

std::string RequestLocale::for_event(std::string_view event_default) const {
  return locale::choose(query, std::nullopt, accept_language, event_default);
}

std::optional<std::string> accept_language(const Request& req) {
  if (const auto al = req.header("accept-language"); al && al->size() <= 1024) return std::string(*al);
  return std::nullopt;
}

RequestLocale request_locale(const Request& req) { return {query_text(req, "locale", 35), accept_language(req)}; }

}  // namespace gatepass::http
