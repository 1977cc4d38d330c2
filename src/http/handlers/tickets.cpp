#include "app/qr_image.hpp"
#include "app/box_office/reissue.hpp"
#include "app/holders.hpp"
#include "app/tickets.hpp"

#include "http/handlers/handlers.hpp"
#include "domain/error.hpp"
#include "http/file_response.hpp"
#include "http/json_io.hpp"
#include "http/box_office_json.hpp"
#include "http/handlers/paging.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
struct VoidBody {
  Required<std::string> reason;
  static void document(BodyDoc& d) {
    d.field("reason").max(500).describe("Kept in the audit log and shown on the ticket");
    d.example = {{"reason", "Reported stolen"}};
  }
};
BOOST_DESCRIBE_STRUCT(VoidBody, (), (reason))

struct ReasonBody {
  Required<std::string> reason;
  static void document(BodyDoc& d) {
    d.field("reason").max(500).describe("Kept in the audit log and the ticket's history");
    d.example = {{"reason", "The holder's QR code was posted online"}};
  }
};
BOOST_DESCRIBE_STRUCT(ReasonBody, (), (reason))

Reply file_reply(const char* content_type, const char* what) { return {200, schema::binary(), content_type, what}; }

Response image(std::string body, const char* type, const std::string& serial, const char* ext) {
  return file_response(std::move(body), type, serial + "." + ext);
}
}  // namespace

void add_ticket_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}", .roles = {Role::admin, Role::viewer},
         .summary = "A ticket with its holder and state",
         .replies = {ok(schema::ref("TicketWithImages", [] {
           auto f = schemas::ticket_fields(TicketAudience::staff);
           f.push_back({"qr_png_url", schema::text().example("/api/tickets/EVT2025-000123/qr.png")});
           f.push_back({"qr_svg_url", schema::text().example("/api/tickets/EVT2025-000123/qr.svg")});
           f.push_back({"claim_code", schema::text().nullable().describe(
                                          "Admins, while no account holds the ticket: hand it to the buyer with the "
                                          "ticket (it is printed on the PDF beside the QR); it takes the ticket into an account")
                                          .example("EVT2025-000123-ABCD-EFGH-JKLM")});
           return schema::object(std::move(f));
         }))},
         .handler = [](RouteContext& c) {
           const auto t = app::find_ticket(c.app, c.param("serial"));
           auto body = ticket_json(t, TicketAudience::staff);
           const bool show_claim_code = c.caller().role == Role::admin && !t.ticket.holder_user_id;
           body["claim_code"] = show_claim_code ? boost::json::value(app::claim_code_of(c.app, t)) : boost::json::value(nullptr);
           body["qr_png_url"] = "/api/tickets/" + t.ticket.serial + "/qr.png";
           body["qr_svg_url"] = "/api/tickets/" + t.ticket.serial + "/qr.svg";
           return json_response(200, std::move(body));
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/tickets", .roles = {Role::admin, Role::viewer},
         .summary = "The event's tickets in number order, ?status=&ticket_type_id=&sale_id=&q= (a serial as typed, or holder or buyer by name or email)",
         .query = paging({query("status", schemas::ticket_status()), query("ticket_type_id", schema::id()),
                          query("q", schema::text().max(200), "A serial (full, or the number alone: 17 is PREFIX-000017), or words of the holder's or buyer's name or email (word starts, case and accents ignored)"),
                          query("sale_id", schema::id(), "Only the tickets this sale sold")}),
         .replies = {ok(schema::page(schemas::ticket(TicketAudience::staff)))},
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
           f.sale_id = query_integer(c.req, "sale_id", 1, INT64_MAX);
           const auto page = page_request(c.req);
           return page_response(app::list_event_tickets(c.app, f, page), page,
                                [](const TicketView& t) { return ticket_json(t, TicketAudience::staff); });
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/history", .roles = {Role::admin, Role::viewer},
         .summary = "Every change of a ticket: what, who, when, from/to holder, old/new code id",
         .replies = {ok(schema::object({{"items", schema::array(schemas::ticket_event())},
                                        {"ticket", schemas::ticket(TicketAudience::staff)}}))},
         .handler = [](RouteContext& c) {
           const auto h = app::ticket_history(c.app, c.param("serial"));
           auto body = items_json(h.events);
           body["ticket"] = ticket_json(h.ticket, TicketAudience::staff);
           return json_response(200, std::move(body));
         }});
  r.add({.method = "POST", .pattern = "/api/admin/tickets/{serial}/reissue", .roles = {Role::admin}, .writes = true,
         .summary = "A new code for the ticket (reason required, audited): the old one answers 409 superseded, links "
                    "to it stop working and the holder is mailed the ticket with a fresh link",
         .body = json_body<ReasonBody>(), .replies = {ok(schemas::ticket(TicketAudience::staff))},
         .handler = [](RouteContext& c) {
           const auto body = decode<ReasonBody>(c.req);
           return json_response(200, ticket_json(app::reissue_ticket(c.app, c.caller(), c.param("serial"), *body.reason),
                                                 TicketAudience::staff));
         }});
  r.add({.method = "POST", .pattern = "/api/admin/tickets/{serial}/allow-transfer", .roles = {Role::admin}, .writes = true,
         .summary = "End a claimed ticket's cooling-off: it may be transferred at once (reason required, audited)",
         .body = json_body<ReasonBody>(), .replies = {ok(schemas::ticket(TicketAudience::staff))},
         .handler = [](RouteContext& c) {
           const auto body = decode<ReasonBody>(c.req);
           return json_response(200, ticket_json(app::allow_transfer(c.app, c.caller(), c.param("serial"), *body.reason),
                                                 TicketAudience::staff));
         }});
  r.add({.method = "POST", .pattern = "/api/admin/tickets/{serial}/void", .roles = {Role::admin}, .writes = true,
         .summary = "Void a ticket for good (reason required, audited); the gate then answers 409 void",
         .body = json_body<VoidBody>(), .replies = {ok(schemas::ticket(TicketAudience::staff))},
         .handler = [](RouteContext& c) {
           const auto body = decode<VoidBody>(c.req);
           const auto t = app::void_ticket(c.app, c.caller(), c.param("serial"), *body.reason);
           return json_response(200, ticket_json(t, TicketAudience::staff));
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/qr.png", .roles = {Role::admin},
         .summary = "The ticket's QR code as PNG",
         .query = {query("scale", schema::integer().range(2, 20), "Pixels per module (default 8)")},
         .replies = {file_reply("image/png", "The QR code image")}, .handler = [](RouteContext& c) {
           const auto t = app::find_ticket(c.app, c.param("serial"));
           const int scale = static_cast<int>(query_integer(c.req, "scale", 2, 20).value_or(8));
           return image(app::render_qr_png(t.ticket.qr_payload, scale), "image/png", t.ticket.serial, "png");
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/ticket.pdf", .roles = {Role::admin, Role::attendee}, .heavy = true, .max_parallel = 4,
         .summary = "The printable ticket as PDF (?paper=a4, the default, or letter); a holder gets their own",
         .query = {query("paper", schema::one_of({"a4", "letter"}), "Default a4"),
                   query("locale", schema::text().max(35),
                         "Language of the ticket's words (en, de, fr, es; de-AT is de); default: the ticket's stored one")},
         .replies = {file_reply("application/pdf", "One page: event, holder, serial and a scannable QR code")},
         .handler = [](RouteContext& c) {
           const auto paper_name = c.req.param("paper").value_or("a4");
           if (paper_name != "a4" && paper_name != "letter")
             throw Error(ErrorCode::validation, "Bad paper size", {{"paper", "must be a4 or letter"}});
           const auto paper = paper_name == "letter" ? app::Paper::letter : app::Paper::a4;
           // One read: the row authorised here is the row printed (a transfer accepted meanwhile
           // must not hand the sender the recipient's new code).
           const auto t = c.caller().role == Role::attendee ? app::my_ticket(c.app, c.caller(), c.param("serial"))
                                                            : app::find_ticket(c.app, c.param("serial"));
           return image(app::ticket_pdf(c.app, t, paper, query_text(c.req, "locale", 35)), "application/pdf", t.ticket.serial, "pdf");
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/qr.svg", .roles = {Role::admin},
         .summary = "The ticket's QR code as SVG",
         .replies = {file_reply("image/svg+xml", "The QR code as SVG")}, .handler = [](RouteContext& c) {
           const auto t = app::find_ticket(c.app, c.param("serial"));
           return image(app::render_qr_svg(t.ticket.qr_payload), "image/svg+xml", t.ticket.serial, "svg");
         }});
}

}  // namespace gatepass::http
