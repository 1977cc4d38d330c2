#include "app/audit.hpp"

#include <boost/json/serialize.hpp>

#include "store/request_scope.hpp"
#include "domain/validation.hpp"

namespace gatepass::app {

namespace {
// Details carry text from requests (usernames, scanned codes). Text that is not valid UTF-8 is
// stored escaped: PostgreSQL refuses such bytes, and a refused audit row would fail the request.
void make_text_safe(boost::json::value& v) {
  if (v.is_string()) {
    if (!validation::is_valid_utf8(v.as_string())) v = validation::escape_bytes(v.as_string(), 256);
  } else if (v.is_object()) {
    for (auto& item : v.as_object()) make_text_safe(item.value());
  } else if (v.is_array()) {
    for (auto& item : v.as_array()) make_text_safe(item);
  }
}
std::optional<std::string> safe(const std::optional<std::string>& s) {
  if (!s || validation::is_valid_utf8(*s)) return s;
  return validation::escape_bytes(*s, 256);
}
}  // namespace

void record_audit(store::Connection& c, const Actor& actor, const AuditRecord& r, Millis now) {
  AuditEntry e;
  e.actor_id = actor.id;
  e.actor = actor.name;
  e.action = r.action;
  e.entity_type = r.entity_type;
  e.entity_id = safe(r.entity_id);
  e.event_id = r.event_id;
  boost::json::value details = r.details;
  // The request that wrote the row (X-Request-Id), to find its access-log and error lines.
  if (const auto& id = store::current_request_id(); !id.empty() && !details.as_object().contains("request_id"))
    details.as_object()["request_id"] = id;
  make_text_safe(details);
  e.details_json = boost::json::serialize(details);
  e.created_at = now;
  store::audit::insert(c, e);
}

void record_audit_now(Context& ctx, const Actor& actor, const AuditRecord& r) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) { record_audit(c, actor, r, now); });
}

void record_audit_later(Context& ctx, const Actor& actor, const AuditRecord& r, const std::optional<Scan>& refused_scan) {
  // No request id here: these rows are coalesced by content (a flood becomes one row), and a
  // per-request id would make every one of them unique.
  ctx.audit_queue.enqueue(actor, r, ctx.now(), refused_scan);
}

store::Page<AuditEntry> list_audit(Context& ctx, const store::audit::Filter& f, const PageRequest& page) {
  store::Page<AuditEntry> out;
  ctx.db.read([&](store::Connection& c) { out = store::audit::list(c, f, page.limit, page.offset); });
  return out;
}

}  // namespace gatepass::app
