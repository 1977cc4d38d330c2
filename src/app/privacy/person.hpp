#pragma once
// What export and erasure share: the address a request names, checked, and the pseudonym that
// names the person in the audit log instead of their address (docs/privacy.md).
#include <string>

#include "app/audit_record.hpp"
#include "app/context.hpp"
#include "store/audit_repo.hpp"

namespace gatepass::app::privacy {

// The trimmed address, or a 400 naming `field`.
std::string checked_email(const std::optional<std::string>& email, const char* field = "email");
// A keyed hash of the lower-cased address (16 hex digits): the same person gets the same subject
// in every privacy.* audit row, and nobody can read the address back out of it. Asking again with
// the address tells whether it was this person.
std::string subject_of(const Context& ctx, const std::string& email);

// The person out of the audit log, in the erasure's own transaction (before its privacy.* row is
// written). Erasure by address, by request and by retention all come through here: the one call
// of app::audit::redact_details (by `by`, giving `why`, which must not name the person).
// Returns the rows changed.
std::int64_t erase_from_audit_log(store::Connection& c, const store::audit::PersonalData& who, const Actor& by,
                                  const std::string& why, Millis now);

}  // namespace gatepass::app::privacy
