#include "domain/money.hpp"

namespace gatepass::money {

std::optional<std::int64_t> parse_cents(std::string_view s) {
  if (s.empty() || s.size() > 13) return std::nullopt;
  std::int64_t whole = 0;
  std::size_t i = 0, digits = 0;
  for (; i < s.size() && s[i] != '.'; ++i, ++digits) {
    if (s[i] < '0' || s[i] > '9' || digits >= 10) return std::nullopt;
    whole = whole * 10 + (s[i] - '0');
  }
  if (digits == 0) return std::nullopt;
  std::int64_t cents = 0;
  if (i < s.size()) {  // the '.'
    const auto frac = s.substr(i + 1);
    if (frac.empty() || frac.size() > 2) return std::nullopt;
    for (char ch : frac)
      if (ch < '0' || ch > '9') return std::nullopt;
    cents = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  return whole * 100 + cents;
}

std::string format_cents(std::int64_t cents) {
  const bool negative = cents < 0;
  const std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + frac;
}

std::optional<std::string> canonical(std::string_view text) {
  const auto cents = parse_cents(text);
  if (!cents) return std::nullopt;
  return format_cents(*cents);
}

}  // namespace gatepass::money
