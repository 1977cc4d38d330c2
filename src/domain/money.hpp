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

// An amount with its currency as people of `locale` write it (CLDR's patterns, as the web app's
// Intl.NumberFormat shows them): en "€1,234.50", de "1.234,50 €", fr "1 234,50 €", es "1234,50 €"
// (es groups from five digits: "12.345,50 €"). The spaces are no-break ones (U+00A0; fr groups with
// U+202F). EUR, USD and GBP get their symbols (fr "12,50 $US"); other ISO 4217 codes are written
// as the code (en "CHF 12.50", de "12,50 CHF"). Unshipped locales: English.
std::string format_amount(std::int64_t cents, std::string_view currency, std::string_view locale);

}  // namespace gatepass::money
