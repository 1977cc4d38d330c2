#include "domain/money.hpp"

#include <string>

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

namespace {
constexpr std::string_view kNoBreak = "\u00a0", kNarrowNoBreak = "\u202f";

// The currency's sign in `locale` (CLDR), else its code.
std::string symbol(std::string_view currency, std::string_view locale) {
  if (currency == "EUR") return "\u20ac";
  if (currency == "USD") return locale == "fr" ? "$US" : locale == "es" ? "US$" : "$";
  if (currency == "GBP" && locale != "es") return locale == "fr" ? "\u00a3GB" : "\u00a3";
  return std::string(currency);
}

// The whole units with the locale's group separator every three digits.
std::string grouped(std::uint64_t whole, std::string_view separator, std::size_t min_digits_to_group) {
  const std::string digits = std::to_string(whole);
  if (digits.size() < min_digits_to_group) return digits;
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}
}  // namespace

std::string format_amount(std::int64_t cents, std::string_view currency, std::string_view locale) {
  const bool negative = cents < 0;
  const std::uint64_t v = negative ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac.insert(0, "0");
  const std::string sign = symbol(currency, locale);
  const std::string minus = negative ? "-" : "";
  if (locale == "de") return minus + grouped(v / 100, ".", 4) + "," + frac + std::string(kNoBreak) + sign;
  if (locale == "fr") return minus + grouped(v / 100, kNarrowNoBreak, 4) + "," + frac + std::string(kNoBreak) + sign;
  if (locale == "es") return minus + grouped(v / 100, ".", 5) + "," + frac + std::string(kNoBreak) + sign;
  // English: a sign before the number; a code is set apart by a space ("CHF 12.50").
  const bool letters = sign.size() == currency.size() && sign == currency;
  return minus + sign + (letters ? std::string(kNoBreak) : "") + grouped(v / 100, ",", 4) + "." + frac;
}

}  // namespace gatepass::money
