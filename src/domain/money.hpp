#pragma once
// Money as whole cents in an int64: parsed from and written as decimal text ("25.00"), so a
// price is never rounded by a double. Up to 10 integer digits, at most 2 fraction digits.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gatepass::money {

std::optional<std::int64_t> parse_cents(std::string_view text);
std::string format_cents(std::int64_t cents);  // 2500 -> "25.00"
// The canonical text of a valid amount ("7.5" -> "7.50"); nullopt if it is not one.
std::optional<std::string> canonical(std::string_view text);

}  // namespace gatepass::money
