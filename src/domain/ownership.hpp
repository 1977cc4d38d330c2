#pragma once
// Who may take a ticket into their account (docs/accounts.md). The QR text admits; it proves no
// ownership. A claim needs a secret that is not in the QR: the claim code printed beside it (this
// file) or the holder link from the ticket mail. No I/O; the key comes from the caller.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace gatepass::ownership {

// "<SERIAL>-XXXX-XXXX-XXXX": 60 bits of an HMAC-SHA-256 of (ticket id, code id) under `key`. Not
// stored anywhere: printed on demand, and a new code (transfer, re-issue) makes a new claim code.
std::string claim_code(const std::vector<std::uint8_t>& key, Id ticket_id, std::int64_t code_id, std::string_view serial);

// What a person typed or scanned: spaces and case do not matter, the dashes between the groups are
// optional. Gives the serial to look the ticket up by, or nullopt when it cannot be a claim code.
struct TypedClaimCode {
  std::string serial;
  std::string mac;  // 12 base32 characters
};
std::optional<TypedClaimCode> parse_claim_code(std::string_view typed);

// Constant-time comparison against the ticket's current claim code.
bool claim_code_matches(const std::vector<std::uint8_t>& key, Id ticket_id, std::int64_t code_id,
                        const TypedClaimCode& typed);

// A claimed ticket may be offered on only after the cooling-off time (0 = no cooling-off).
// Returns when the cooling-off ends if it is still running at `now`.
std::optional<Millis> cooling_off_until(std::optional<Millis> claimed_at, Millis cooling_off_ms, Millis now);

}  // namespace gatepass::ownership
