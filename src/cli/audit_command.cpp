#include "cli/audit_command.hpp"

#include <ostream>

#include "app/audit/seal.hpp"
#include "app/audit/verify.hpp"
#include "app/context.hpp"
#include "domain/error.hpp"
#include "store/audit_chain_repo.hpp"

namespace gatepass::cli {

int audit_verify(store::Database& db, const std::optional<std::string>& kept_head, std::ostream& out) {
  std::optional<audit_chain::Head> kept;
  if (kept_head) {
    kept = audit_chain::parse_head(*kept_head);
    if (!kept)
      throw Error(ErrorCode::validation, "The kept head is malformed",
                  {{"--head", "expected <position>:<64 lowercase hex digits>, as `gatepass audit head` prints it"}});
  }
  const auto r = app::audit::verify_chain(db, kept);
  if (!r.ok) {
    out << "audit chain broken";
    if (r.bad_row_id) out << " at row " << *r.bad_row_id;
    if (r.bad_seq) out << " (chain position " << *r.bad_seq << ")";
    out << ": " << r.reason << "\n";
    out << "the " << r.rows_checked << " rows before it verify; head there " << to_string(r.head) << "\n";
    return kChainBroken;
  }
  out << "ok: " << r.rows_checked << " audit rows verified";
  if (r.redacted) out << " (" << r.redacted << " with redacted details)";
  out << "; head " << to_string(r.head) << "\n";
  if (kept) out << "the chain passes through the kept head " << to_string(*kept) << "\n";
  if (r.unsealed)
    out << r.unsealed << " row(s) written since the last seal are not chained yet (from id " << *r.first_unsealed_id
        << "); a running server links them within a second, `gatepass audit head` now\n";
  return 0;
}

int audit_head(store::Database& db, std::ostream& out) {
  app::audit::seal_committed(db, app::system_now_ms, /*wait=*/true);
  std::optional<store::audit::ChainHeadRow> head;
  db.read([&](store::Connection& c) { head = store::audit::read_chain_head(c); });
  if (!head) throw std::runtime_error("the audit chain's head record is missing (run `gatepass audit verify`)");
  out << to_string(head->head) << "\n";
  return 0;
}

}  // namespace gatepass::cli
