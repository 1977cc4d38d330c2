#pragma once
// `gatepass audit verify`: walks the chain from the genesis and reports the first row that does
// not match (docs/security.md, "The audit chain"). Read-only: one consistent snapshot, streamed
// in pages, so it also runs against a restored backup.
#include <optional>
#include <string>

#include "domain/audit_chain.hpp"
#include "store/db.hpp"

namespace gatepass::app::audit {

struct VerifyReport {
  bool ok = true;
  std::int64_t rows_checked = 0;  // sealed rows walked (all of them when ok)
  std::int64_t redacted = 0;      // of those, rows whose details were replaced by a recorded redaction
  audit_chain::Head head;         // the chain's end as walked (when ok: what `audit head` prints)
  // Rows written since the last seal: not yet protected, and not a sign of tampering.
  std::int64_t unsealed = 0;
  std::optional<Id> first_unsealed_id;
  // The first problem (when !ok): the row (if one can be named), its position, and why.
  std::optional<Id> bad_row_id;
  std::optional<std::int64_t> bad_seq;
  std::string reason;
};

// `kept`: a head written down earlier (`audit head`); the chain must still pass through it.
VerifyReport verify_chain(store::Database& db, const std::optional<audit_chain::Head>& kept = std::nullopt);

}  // namespace gatepass::app::audit
