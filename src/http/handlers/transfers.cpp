#include "app/transfers.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

void add_transfer_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/transfers", .roles = {Role::attendee}, .writes = true,
         .summary = "Offer one's ticket to another holder {serial, to_username | to_email, notes?}; 409 transfer_open",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           app::TransferInput in;
           auto serial = f.string("serial");
           if (!serial) f.errors().add("serial", "is required");
           in.to_username = f.string("to_username");
           in.to_email = f.string("to_email");
           in.notes = f.string("notes");
           f.finish();
           in.serial = *serial;
           return json_response(201, to_json(app::create_transfer(c.app, c.caller(), in)));
         }});
  r.add({.method = "GET", .pattern = "/api/transfers/pending", .roles = {Role::attendee},
         .summary = "Transfers waiting for the caller to accept or reject", .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::pending_transfers_to(c.app, c.caller())));
         }});
  r.add({.method = "GET", .pattern = "/api/transfers", .roles = {Role::admin, Role::viewer},
         .summary = "All transfers, newest first, ?status=", .handler = [](RouteContext& c) {
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
         .handler = [](RouteContext& c) {
           const auto out = app::accept_transfer(c.app, c.caller(), path_id(c.param("id"), "id"));
           auto body = to_json(out.transfer);
           body["ticket"] = ticket_json(out.ticket, TicketAudience::holder);
           return json_response(200, body);
         }});
  r.add({.method = "POST", .pattern = "/api/transfers/{id}/reject", .roles = {Role::attendee}, .writes = true,
         .summary = "Refuse a transfer offered to the caller", .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::reject_transfer(c.app, c.caller(), path_id(c.param("id"), "id"))));
         }});
  r.add({.method = "POST", .pattern = "/api/transfers/{id}/cancel", .roles = {Role::attendee}, .writes = true,
         .summary = "Withdraw a pending transfer the caller sent", .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::cancel_transfer(c.app, c.caller(), path_id(c.param("id"), "id"))));
         }});
}

}  // namespace gatepass::http
