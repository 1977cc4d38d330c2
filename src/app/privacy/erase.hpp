#pragma once
// Erasing one person's data (docs/privacy.md): `gatepass privacy erase`, POST
// /api/admin/privacy/erase, and an admin's confirmation of a holder's request. Names, addresses,
// phones, teams, members, notes and attachments go from every table, the outbox and the audit
// details; serials, states, counts, times and money stay. The erasure is audited
// (privacy.erase) with the subject pseudonym, the reason and the counts, never the values.
#include "app/audit_record.hpp"
#include "app/context.hpp"
#include "store/privacy_repo.hpp"

namespace gatepass::app::privacy {

struct EraseResult {
  std::string subject;
  bool dry_run = false;
  store::privacy::Erased erased;
};
// 404 when nothing is held about the address. A dry run does it all and rolls back: the counts are
// exactly what an erasure would change (not audited: it changes and discloses nothing).
EraseResult erase_person(Context& ctx, const Actor& by, const std::optional<std::string>& email,
                         const std::optional<std::string>& reason, bool dry_run);
// A holder's request (app/privacy/requests.hpp), confirmed: their account, its tickets and requests,
// and, when the account's address is verified, everything held under that address. 404 unknown,
// 409 done already.
EraseResult confirm_request(Context& ctx, const Principal& by, Id request_id, const std::optional<std::string>& reason);

}  // namespace gatepass::app::privacy
