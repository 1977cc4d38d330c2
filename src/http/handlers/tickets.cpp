#include "app/qr_image.hpp"
#include "app/tickets.hpp"

#include "http/handlers/handlers.hpp"
#include "domain/error.hpp"
#include "http/file_response.hpp"
#include "http/json_io.hpp"
#include "http/box_office_json.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

namespace {
Response image(std::string body, const char* type, const std::string& serial, const char* ext) {
  return file_response(std::move(body), type, serial + "." + ext);
}
}  // namespace

void add_ticket_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}", .roles = {Role::admin, Role::viewer},
         .summary = "A ticket with its holder and state", .handler = [](RouteContext& c) {
           const auto t = app::find_ticket(c.app, c.param("serial"));
           auto body = ticket_json(t, TicketAudience::staff);
           body["qr_png_url"] = "/api/tickets/" + t.ticket.serial + "/qr.png";
           body["qr_svg_url"] = "/api/tickets/" + t.ticket.serial + "/qr.svg";
           return json_response(200, body);
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/tickets", .roles = {Role::admin, Role::viewer},
         .summary = "The event's tickets in number order, ?status=&ticket_type_id=&q= (serial prefix, holder name or email)",
         .handler = [](RouteContext& c) {
           store::tickets::Filter f;
           f.event_id = path_id(c.param("id"), "id");
           if (const auto s = c.req.param("status")) {
             f.status = parse_ticket_status(*s);
             if (!f.status)
               throw Error(ErrorCode::validation, "Bad status", {{"status", "must be created, valid, used, refunded or void"}});
           }
           f.ticket_type_id = query_integer(c.req, "ticket_type_id", 1, INT64_MAX);
           f.search = c.req.param("q");
           const auto page = page_request(c.req);
           return page_response(app::list_event_tickets(c.app, f, page), page,
                                [](const TicketView& t) { return ticket_json(t, TicketAudience::staff); });
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/history", .roles = {Role::admin, Role::viewer},
         .summary = "Every change of a ticket: what, who, when, from/to holder, old/new code id",
         .handler = [](RouteContext& c) {
           const auto h = app::ticket_history(c.app, c.param("serial"));
           auto body = items_json(h.events);
           body["ticket"] = ticket_json(h.ticket, TicketAudience::staff);
           return json_response(200, body);
         }});
  r.add({.method = "POST", .pattern = "/api/admin/tickets/{serial}/void", .roles = {Role::admin}, .writes = true,
         .summary = "Void a ticket for good (reason required, audited); the gate then answers 409 void",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           const auto reason = f.string("reason");
           if (!reason) f.errors().add("reason", "is required");
           f.finish();
           const auto t = app::void_ticket(c.app, c.caller(), c.param("serial"), *reason);
           return json_response(200, ticket_json(t, TicketAudience::staff));
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/qr.png", .roles = {Role::admin},
         .summary = "The ticket's QR code as PNG", .handler = [](RouteContext& c) {
           const auto t = app::find_ticket(c.app, c.param("serial"));
           const int scale = static_cast<int>(query_integer(c.req, "scale", 2, 20).value_or(8));
           return image(app::render_qr_png(t.ticket.qr_payload, scale), "image/png", t.ticket.serial, "png");
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/ticket.pdf", .roles = {Role::admin, Role::attendee},
         .summary = "The printable ticket as PDF (?paper=a4, the default, or letter); a holder gets their own",
         .handler = [](RouteContext& c) {
           if (c.caller().role == Role::attendee &&
               app::find_ticket(c.app, c.param("serial")).ticket.holder_user_id != c.caller().user_id)
             throw Error(ErrorCode::not_found, "No ticket with this serial");
           const auto paper_name = c.req.param("paper").value_or("a4");
           if (paper_name != "a4" && paper_name != "letter")
             throw Error(ErrorCode::validation, "Bad paper size", {{"paper", "must be a4 or letter"}});
           const auto paper = paper_name == "letter" ? app::Paper::letter : app::Paper::a4;
           const auto& serial = c.param("serial");
           auto pdf = app::ticket_pdf(c.app, serial, paper);
           return image(std::move(pdf), "application/pdf", serial, "pdf");
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/qr.svg", .roles = {Role::admin},
         .summary = "The ticket's QR code as SVG", .handler = [](RouteContext& c) {
           const auto t = app::find_ticket(c.app, c.param("serial"));
           return image(app::render_qr_svg(t.ticket.qr_payload), "image/svg+xml", t.ticket.serial, "svg");
         }});
}

}  // namespace gatepass::http
