#pragma once
// ISO 8601 <-> Unix milliseconds, UTC. Parsing accepts "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)"
// because an event time without a zone is ambiguous at a gate in another country.
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace gatepass {

std::string format_iso8601(Millis ms);
std::optional<Millis> parse_iso8601(std::string_view s);
int year_of(Millis ms);

}  // namespace gatepass
