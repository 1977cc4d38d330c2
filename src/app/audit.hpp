#pragma once
// Every admin action, login and check-in attempt leaves one audit row, written in the same
// transaction as the change it describes (so the log never claims what did not happen).
#include "app/audit_record.hpp"
#include "app/context.hpp"
#include "store/audit_repo.hpp"

namespace gatepass::app {

void record_audit(store::Connection& c, const Actor& actor, const AuditRecord& r, Millis now);
// Records outside any other change (failed logins) in a transaction of its own.
void record_audit_now(Context& ctx, const Actor& actor, const AuditRecord& r);
// Queues the row (app/audit_queue.hpp) and returns at once: for requests that must not wait for
// a commit, such as rejected scans on the gate's read path. Written durably moments later.
void record_audit_later(Context& ctx, const Actor& actor, const AuditRecord& r,
                        const std::optional<Scan>& refused_scan = std::nullopt);

store::Page<AuditEntry> list_audit(Context& ctx, const store::audit::Filter& f, const PageRequest& page);

}  // namespace gatepass::app
