#include "app/refunds.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/request_body.hpp"

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

struct RefundRequestBody {
  Required<std::string> serial;
  Required<std::string> reason;
  Money amount;
  std::optional<std::string> override_reason;
  static void document(BodyDoc& d) {
    d.field("serial").describe("The ticket to refund");
    d.field("reason").describe("Why, for the admin who decides").max(1000);
    d.field("amount").describe("The amount asked for (decimal text or a JSON number); default and maximum: the "
                               "refundable amount (price paid minus earlier refunds); more is 422 amount_too_large");
    d.field("override_reason").describe("Admin only: why more than the refundable amount is asked for (audited)").max(500);
    d.example = {{"serial", "EVT2025-000123"}, {"reason", "Cannot attend"}};
  }
};
BOOST_DESCRIBE_STRUCT(RefundRequestBody, (), (serial, reason, amount, override_reason))

struct DecisionBody {
  std::optional<std::string> notes;
  static void document(BodyDoc& d) {
    d.field("notes").describe("For the record (and the holder's mail)").max(1000);
    d.example = {{"notes", "Approved: event date changed"}};
  }
};
BOOST_DESCRIBE_STRUCT(DecisionBody, (), (notes))

struct CompleteBody {
  Money amount;
  std::optional<std::string> notes;
  std::optional<std::string> override_reason;
  static void document(BodyDoc& d) {
    d.field("amount").describe("The money returned (decimal text or a JSON number); default: the refundable amount; "
                               "more needs override_reason");
    d.field("override_reason").describe("Why more than the refundable amount is returned (audited)").max(500);
    d.field("notes").describe("For the record, e.g. the payment reference").max(1000);
    d.example = {{"amount", "25.00"}, {"notes", "Bank transfer 2026-07-10"}};
  }
};
BOOST_DESCRIBE_STRUCT(CompleteBody, (), (amount, notes, override_reason))

}  // namespace

void add_refund_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/refunds", .roles = {Role::attendee, Role::admin}, .writes = true,
         .summary = "Ask for a refund of a ticket: the holder, or an admin for them; 409 refund_closed (after "
                    "refunds_until or admission), refund_open; 422 amount_too_large",
         .body = json_body<RefundRequestBody>(), .replies = {created(schemas::refund())}, .handler = [](RouteContext& c) {
           auto b = decode<RefundRequestBody>(c.req);
           app::RefundInput in;
           in.serial = std::move(b.serial.value);
           in.reason = std::move(b.reason.value);
           in.amount = std::move(b.amount);
           in.override_reason = std::move(b.override_reason);
           return json_response(201, to_json(app::request_refund(c.app, c.caller(), in)));
         }});
  r.add({.method = "GET", .pattern = "/api/refunds", .roles = {Role::admin, Role::viewer},
         .summary = "Refund requests, newest first",
         .query = paging({query("status", schemas::refund_status(), "Only requests in this state")}),
         .replies = {ok(schema::items(schemas::refund()))}, .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::list_refunds(c.app, status_filter(c.req), page_request(c.req))));
         }});
  for (const char* action : {"approve", "reject"}) {
    const bool approve = std::string_view(action) == "approve";
    r.add({.method = "POST", .pattern = std::string("/api/refunds/{id}/") + action, .roles = {Role::admin}, .writes = true,
           .summary = approve ? "Approve a pending refund: the ticket becomes refunded at once (the gate refuses it)"
                              : "Reject a pending refund",
           .body = optional_json_body<DecisionBody>(), .replies = {ok(schemas::refund())},
           .handler = [approve](RouteContext& c) {
             const auto notes = decode_optional<DecisionBody>(c.req).notes;
             const Id id = path_id(c.param("id"), "id");
             const auto out = approve ? app::approve_refund(c.app, c.caller(), id, notes)
                                      : app::reject_refund(c.app, c.caller(), id, notes);
             return json_response(200, to_json(out));
           }});
  }
  r.add({.method = "POST", .pattern = "/api/refunds/{id}/complete", .roles = {Role::admin}, .writes = true,
         .summary = "Record the money returned for an approved refund",
         .body = optional_json_body<CompleteBody>(), .replies = {ok(schemas::refund())}, .handler = [](RouteContext& c) {
           const auto b = decode_optional<CompleteBody>(c.req);
           return json_response(200, to_json(app::complete_refund(c.app, c.caller(), path_id(c.param("id"), "id"), b.amount, b.notes,
                                                                 b.override_reason)));
         }});
  r.add({.method = "POST", .pattern = "/api/refunds/{id}/cancel", .roles = {Role::attendee, Role::admin}, .writes = true,
         .summary = "Withdraw one's own pending refund request", .replies = {ok(schemas::refund())},
         .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::cancel_refund(c.app, c.caller(), path_id(c.param("id"), "id"))));
         }});
}

}  // namespace gatepass::http
