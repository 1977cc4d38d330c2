#include "app/audit.hpp"

#include <boost/json/serialize.hpp>

namespace gatepass::app {

void record_audit(store::Connection& c, const Actor& actor, const AuditRecord& r, Millis now) {
  AuditEntry e;
  e.actor_id = actor.id;
  e.actor = actor.name;
  e.action = r.action;
  e.entity_type = r.entity_type;
  e.entity_id = r.entity_id;
  e.event_id = r.event_id;
  e.details_json = boost::json::serialize(r.details);
  e.created_at = now;
  store::audit::insert(c, e);
}

void record_audit_now(Context& ctx, const Actor& actor, const AuditRecord& r) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) { record_audit(c, actor, r, now); });
}

store::Page<AuditEntry> list_audit(Context& ctx, const store::audit::Filter& f, const PageRequest& page) {
  store::Page<AuditEntry> out;
  ctx.db.read([&](store::Connection& c) { out = store::audit::list(c, f, page.limit, page.offset); });
  return out;
}

}  // namespace gatepass::app
