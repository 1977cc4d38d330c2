#include "app/audit.hpp"

#include "domain/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

void add_audit_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/admin/logs", .roles = {Role::admin},
         .summary = "Audit log, newest first; filter by action and event_id",
         .query = paging({query("action", schema::text().max(64), "e.g. registration.approve"), query("event_id", schema::id())}),
         .replies = {ok(schema::page(schemas::audit_entry()))}, .handler = [](RouteContext& c) {
           store::audit::Filter f;
           if (auto a = c.req.param("action"); a && !a->empty()) {
             if (a->size() > 64) throw Error(ErrorCode::validation, "Bad action", {{"action", "must be at most 64 bytes"}});
             f.action = *a;
           }
           f.event_id = query_integer(c.req, "event_id", 1, INT64_MAX);
           const auto page = page_request(c.req);
           return page_response(app::list_audit(c.app, f, page), page, [](const AuditEntry& e) { return to_json(e); });
         }});
}

}  // namespace gatepass::http
