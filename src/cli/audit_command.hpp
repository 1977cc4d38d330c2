#pragma once
// `gatepass audit verify [--head SEQ:HASH]` and `gatepass audit head` (docs/security.md, "The
// audit chain"). Exit codes of verify: 0 the chain verifies, 3 it does not (the first bad row and
// why on stdout), 2 a malformed --head, 1 the database could not be read.
#include <iosfwd>
#include <optional>
#include <string>

#include "store/db.hpp"

namespace gatepass::cli {

inline constexpr int kChainBroken = 3;

int audit_verify(store::Database& db, const std::optional<std::string>& kept_head, std::ostream& out);
// Seals what is committed (waiting for a running sealer), then prints "<seq>:<hash>".
int audit_head(store::Database& db, std::ostream& out);

}  // namespace gatepass::cli
