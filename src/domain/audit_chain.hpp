#pragma once
// The audit log's hash chain (docs/security.md, "The audit chain"): what one link hashes, as a pure
// function, so the sealer that writes links and `gatepass audit verify` that checks them cannot
// disagree, and so anyone can re-implement it from the documented encoding (test vectors in
// tests/unit/audit_chain_test.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace gatepass::audit_chain {

// The hash before the first link (position 0): 32 zero bytes, as 64 hex digits.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256, as hex, of the part of a row that may hold personal data: its actor's name (as a bytes
// field: 0x02, 4-byte big-endian length, the bytes) followed by its details exactly as stored (the
// JSON text's UTF-8 bytes). The chain hashes this digest, not the name and details, so both can be
// redacted later (privacy erasure: a holder's username, their details) without breaking the links
// after them: the redaction itself is a link naming the new digest.
std::string details_digest(std::string_view actor, std::string_view details_json);

// The bytes link `seq` hashes: a version tag, the previous link's hash, then the row: every column
// but the actor's name and the details, whose digest stands in for them. Each field is typed and length-prefixed, so
// no two different rows encode alike. Hex arguments must be 64 hex digits (std::invalid_argument).
std::string link_input(std::string_view prev_hash_hex, std::int64_t seq, const AuditEntry& row,
                       std::string_view details_digest_hex);
// SHA-256 of link_input(...) as hex: the hash stored with link `seq`.
std::string link_hash(std::string_view prev_hash_hex, std::int64_t seq, const AuditEntry& row,
                      std::string_view details_digest_hex);

// A head as kept outside the database: "<seq>:<hash>", e.g. "1234:9f86d0…".
struct Head {
  std::int64_t seq = 0;
  std::string hash{kGenesisHash};
  friend bool operator==(const Head&, const Head&) = default;
};
std::string to_string(const Head& h);
std::optional<Head> parse_head(std::string_view text);  // nullopt unless "<seq ≥ 0>:<64 lowercase hex>"

}  // namespace gatepass::audit_chain
