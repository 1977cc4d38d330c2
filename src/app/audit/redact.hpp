#pragma once
// Redacting audit rows' details (privacy erasure) without breaking the chain (docs/security.md,
// "The audit chain"). A link hashes the digest of a row's details, not the details, so the
// details can be replaced; the replacement is recorded as a chained `audit.redact` row naming
// each redacted row and the digest of its new details. `audit verify` accepts changed details
// only when such a row, later in the chain, names exactly them: a silent edit is still found.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "app/audit_record.hpp"
#include "store/db.hpp"

namespace gatepass::app::audit {

inline constexpr const char* kRedactAction = "audit.redact";

struct DetailsRedaction {
  Id audit_id = 0;
  boost::json::object details;       // what the row's details become (the personal data taken out)
  std::optional<std::string> actor;  // what its actor's name becomes (an erased holder's username); unset: kept
};

// In the caller's transaction (e.g. the erasure's): seals every row this transaction sees, replaces
// the details of the named rows, writes the `audit.redact` row(s) (by `actor`, with `reason`) and
// seals them, holding the chain head's lock (PostgreSQL: waits for a running sealer) until the
// transaction ends. Rows whose details do not change are skipped. Returns how many rows changed.
// Errors: an unknown id (not_found); an `audit.redact` row or an id named twice (validation).
std::int64_t redact_details(store::Connection& c, const std::vector<DetailsRedaction>& rows, const Actor& actor,
                            const std::string& reason, Millis now);

// What one `audit.redact` row's details say: audit row id -> digest of its details after the
// redaction. Empty for details that are not in that shape (verify then finds the row itself broken).
std::map<Id, std::string> redacted_digests(const std::string& redaction_details_json);

}  // namespace gatepass::app::audit
