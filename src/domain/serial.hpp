#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace gatepass {
// format_serial("EVT2026", 123) -> "EVT2026-000123" (wider when the number needs it).
inline std::string format_serial(std::string_view prefix, long long number) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%06lld", number);
  return std::string(prefix) + "-" + digits;
}
}  // namespace gatepass
