#pragma once
// Every admin action, login and check-in attempt leaves one audit row, written in the same
// transaction as the change it describes (so the log never claims what did not happen).
#include <boost/json/object.hpp>

#include "app/context.hpp"
#include "store/audit_repo.hpp"

namespace gatepass::app {

struct Actor {
  std::optional<Id> id;
  std::string name;  // username, "public" or "system"
  static Actor of(const Principal& p) { return {p.user_id, p.username}; }
  static Actor anonymous() { return {std::nullopt, "public"}; }
  static Actor system() { return {std::nullopt, "system"}; }
};

struct AuditRecord {
  std::string action;       // e.g. "registration.approve"
  std::string entity_type;  // e.g. "registration"
  std::optional<std::string> entity_id;
  std::optional<Id> event_id;
  boost::json::object details;
};

void record_audit(store::Connection& c, const Actor& actor, const AuditRecord& r, Millis now);
// Records outside any other change (failed logins, invalid scans) in a transaction of its own.
void record_audit_now(Context& ctx, const Actor& actor, const AuditRecord& r);

store::Page<AuditEntry> list_audit(Context& ctx, const store::audit::Filter& f, const PageRequest& page);

}  // namespace gatepass::app
