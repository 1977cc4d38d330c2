#include "app/transfers.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
struct TransferBody {
  Required<std::string> serial;
  std::optional<std::string> to_username;
  std::optional<std::string> to_email;
  std::optional<std::string> notes;
  static void document(BodyDoc& d) {
    d.field("serial").describe("One of the caller's tickets");
    d.field("to_username").describe("The recipient's account; give exactly one of to_username and to_email").max(64);
    d.field("to_email").describe("The recipient's email, for someone without an account yet");
    d.field("notes").describe("A message for the recipient").max(1000);
    d.example = {{"serial", "EVT2025-000123"}, {"to_username", "bob"}, {"notes", "Enjoy the show!"}};
  }
};
BOOST_DESCRIBE_STRUCT(TransferBody, (), (serial, to_username, to_email, notes))
}  // namespace

void add_transfer_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/transfers", .roles = {Role::attendee}, .writes = true,
         .summary = "Offer one's ticket to another holder (by username or email); 409 transfer_open",
         .body = json_body<TransferBody>(), .replies = {created(schemas::transfer())}, .handler = [](RouteContext& c) {
           auto b = decode<TransferBody>(c.req);
           app::TransferInput in;
           in.serial = std::move(b.serial.value);
           in.to_username = std::move(b.to_username);
           in.to_email = std::move(b.to_email);
           in.notes = std::move(b.notes);
           return json_response(201, to_json(app::create_transfer(c.app, c.caller(), in)));
         }});
  r.add({.method = "GET", .pattern = "/api/transfers/pending", .roles = {Role::attendee},
         .summary = "Transfers waiting for the caller to accept or reject", .replies = {ok(schema::items(schemas::transfer()))},
         .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::pending_transfers_to(c.app, c.caller())));
         }});
  r.add({.method = "GET", .pattern = "/api/transfers", .roles = {Role::admin, Role::viewer},
         .summary = "All transfers, newest first",
         .query = paging({query("status", schemas::transfer_status(), "Only transfers in this state")}),
         .replies = {ok(schema::items(schemas::transfer()))}, .handler = [](RouteContext& c) {
           std::optional<RequestStatus> status;
           if (const auto s = c.req.param("status")) {
             status = parse_request_status(*s);
             if (!status || (*status != RequestStatus::pending && *status != RequestStatus::accepted &&
                             *status != RequestStatus::rejected && *status != RequestStatus::cancelled))
               throw Error(ErrorCode::validation, "Bad status", {{"status", "must be pending, accepted, rejected or cancelled"}});
           }
           return json_response(200, items_json(app::list_transfers(c.app, status, page_request(c.req))));
         }});
  r.add({.method = "POST", .pattern = "/api/transfers/{id}/accept", .roles = {Role::attendee}, .writes = true,
         .summary = "Accept a transfer: the ticket becomes the caller's with a new code (the old one is superseded)",
         .replies = {ok(schema::ref("AcceptedTransfer", [] {
           return std::move(schema::extend(schemas::transfer(),
                                            {{"ticket", schemas::ticket(TicketAudience::holder)}})
                                .describe("The accepted transfer and the ticket it moved"));
         }))},
         .handler = [](RouteContext& c) {
           const auto out = app::accept_transfer(c.app, c.caller(), path_id(c.param("id"), "id"));
           auto body = to_json(out.transfer);
           body["ticket"] = ticket_json(out.ticket, TicketAudience::holder);
           return json_response(200, std::move(body));
         }});
  r.add({.method = "POST", .pattern = "/api/transfers/{id}/reject", .roles = {Role::attendee}, .writes = true,
         .summary = "Refuse a transfer offered to the caller", .replies = {ok(schemas::transfer())},
         .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::reject_transfer(c.app, c.caller(), path_id(c.param("id"), "id"))));
         }});
  r.add({.method = "POST", .pattern = "/api/transfers/{id}/cancel", .roles = {Role::attendee}, .writes = true,
         .summary = "Withdraw a pending transfer the caller sent", .replies = {ok(schemas::transfer())},
         .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::cancel_transfer(c.app, c.caller(), path_id(c.param("id"), "id"))));
         }});
}

}  // namespace gatepass::http
