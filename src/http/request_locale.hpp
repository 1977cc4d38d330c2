#pragma once
// The language a request asks for (issue 24, docs/languages.md): `?locale=` where the route
// offers it, else Accept-Language; the event's default_locale decides when neither matches.
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace gatepass::http {

struct RequestLocale {
  std::optional<std::string> query;            // ?locale=
  std::optional<std::string> accept_language;  // the header (longer than 1 KiB: ignored)
  // The shipped locale for an event whose default is `event_default`.
  std::string for_event(std::string_view event_default) const;
};
RequestLocale request_locale(const Request& req);
// The header alone, for bodies that take `locale` (sales, sign-up): nullopt when absent or too long.
std::optional<std::string> accept_language(const Request& req);

}  // namespace gatepass::http
