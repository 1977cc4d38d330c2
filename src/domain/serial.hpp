#pragma once
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace gatepass {
// format_serial("EVT2026", 123) -> "EVT2026-000123" (wider when the number needs it).
inline std::string format_serial(std::string_view prefix, long long number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", number);
  return std::string(prefix) + "-" + digits;
}

// A serial as typed at the gate ("evt2026 - 000123") in its stored form ("EVT2026-000123").
// nullopt for anything that cannot be a serial (empty, too long, other characters).
std::optional<std::string> normalise_serial(std::string_view code);
}  // namespace gatepass
