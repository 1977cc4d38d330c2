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

// A serial typed by hand at a gate, in its stored form, forgiving the mistakes people make:
// case, spaces, a missing or doubled dash, missing zero padding, and (given the gate event's
// prefix) the prefix itself. At a gate for HL2027, "2", "hl2027 2", "HL2027000002" and
// "HL2027 - 000002" are all "HL2027-000002". A serial of another prefix keeps that prefix
// ("HL2026 2" -> "HL2026-000002"): a typed number is never taken for another event's ticket.
// Only one thing is ambiguous, a prefix typed with no separator before the number when another
// event's prefix extends the gate's (gate EVT1, "EVT12000005"): the gate's prefix wins.
// nullopt for what cannot be a serial (empty, over 64 characters, other characters).
std::optional<std::string> normalise_typed_serial(std::string_view typed, std::string_view gate_prefix = {});

// Whether `typed` can only mean a serial of the gate's event: a number, or the prefix and a number
// (spaces and dashes anywhere). A desk searching "17" or "hl2027 17" wants that ticket, not every
// holder whose address contains 17 (which, through a trigram index, also costs a scan of them).
bool names_only_own_serial(std::string_view typed, std::string_view gate_prefix);
}  // namespace gatepass
