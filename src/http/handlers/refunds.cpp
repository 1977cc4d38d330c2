#include "app/refunds.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

namespace {
std::optional<RequestStatus> status_filter(const Request& req) {
  const auto s = req.param("status");
  if (!s) return std::nullopt;
  const auto parsed = parse_request_status(*s);
  if (!parsed || *parsed == RequestStatus::accepted)
    throw Error(ErrorCode::validation, "Bad status", {{"status", "must be pending, approved, rejected, completed or cancelled"}});
  return parsed;
}

// {notes?} (and {amount?}) from an optional body.
boost::json::object optional_body(const Request& req) {
  return req.body.empty() ? boost::json::object{} : parse_json_object(req);
}
}  // namespace

void add_refund_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/refunds", .roles = {Role::attendee, Role::admin}, .writes = true,
         .summary = "Ask for a refund {serial, reason, amount?}: the holder, or an admin for them; 409 already_used, refund_open",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           app::RefundInput in;
           auto serial = f.string("serial");
           auto reason = f.string("reason");
           if (!serial) f.errors().add("serial", "is required");
           if (!reason) f.errors().add("reason", "is required");
           in.amount = f.decimal("amount");
           f.finish();
           in.serial = *serial;
           in.reason = *reason;
           return json_response(201, to_json(app::request_refund(c.app, c.caller(), in)));
         }});
  r.add({.method = "GET", .pattern = "/api/refunds", .roles = {Role::admin, Role::viewer},
         .summary = "Refund requests, newest first, ?status=", .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::list_refunds(c.app, status_filter(c.req), page_request(c.req))));
         }});
  for (const char* action : {"approve", "reject"}) {
    const bool approve = std::string_view(action) == "approve";
    r.add({.method = "POST", .pattern = std::string("/api/refunds/{id}/") + action, .roles = {Role::admin}, .writes = true,
           .summary = approve ? "Approve {notes?}: the ticket becomes refunded at once (the gate refuses it)"
                              : "Reject {notes?}",
           .handler = [approve](RouteContext& c) {
             const auto body = optional_body(c.req);
             FieldReader f(body);
             const auto notes = f.string("notes");
             f.finish();
             const Id id = path_id(c.param("id"), "id");
             const auto out = approve ? app::approve_refund(c.app, c.caller(), id, notes)
                                      : app::reject_refund(c.app, c.caller(), id, notes);
             return json_response(200, to_json(out));
           }});
  }
  r.add({.method = "POST", .pattern = "/api/refunds/{id}/complete", .roles = {Role::admin}, .writes = true,
         .summary = "Record the money returned for an approved refund {amount?, notes?}", .handler = [](RouteContext& c) {
           const auto body = optional_body(c.req);
           FieldReader f(body);
           const auto amount = f.decimal("amount");
           const auto notes = f.string("notes");
           f.finish();
           return json_response(200, to_json(app::complete_refund(c.app, c.caller(), path_id(c.param("id"), "id"), amount, notes)));
         }});
  r.add({.method = "POST", .pattern = "/api/refunds/{id}/cancel", .roles = {Role::attendee, Role::admin}, .writes = true,
         .summary = "Withdraw one's own pending refund request", .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::cancel_refund(c.app, c.caller(), path_id(c.param("id"), "id"))));
         }});
}

}  // namespace gatepass::http
