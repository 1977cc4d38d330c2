#include "app/events.hpp"
#include "app/outbox.hpp"
#include "app/ticket_links.hpp"
#include "app/tickets.hpp"

#include "domain/time.hpp"
#include "http/box_office_json.hpp"
#include "http/file_response.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/ticket_texts_json.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

json::value opt_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object message_json(const store::outbox::Message& m) {
  return {{"id", m.id},
          {"kind", m.kind},
          {"to_email", m.to_email},
          {"to_name", opt_text(m.to_name)},
          {"event_id", m.event_id ? json::value(*m.event_id) : json::value(nullptr)},
          {"status", store::outbox::to_string(m.status)},
          {"attempts", m.attempts},
          {"next_attempt_at", format_iso8601(m.next_attempt_at)},
          {"last_error", opt_text(m.last_error)},
          {"created_at", format_iso8601(m.created_at)},
          {"sent_at", time_or_null(m.sent_at)},
          {"ticket_serial", opt_text(m.ticket_serial)}};
}

schema::S outbox_status() { return schema::one_of({"queued", "sending", "sent", "failed"}); }

schema::S message_schema() {
  using namespace schema;
  return ref("OutboxMessage", [] {
    return object({{"id", id()},
                   {"kind", text().describe("The mail template, e.g. ticket_issued, ticket_sold, transfer_offered")
                                .example("ticket_issued")},
                   {"to_email", text().example("alice@example.com")},
                   {"to_name", text().nullable().example("Alice Example")},
                   {"event_id", integer().nullable().example(42)},
                   {"status", outbox_status()},
                   {"attempts", integer().describe("Delivery attempts so far").example(1)},
                   {"next_attempt_at", time()},
                   {"last_error", text().nullable().describe("Why the last attempt failed")},
                   {"created_at", time()},
                   {"sent_at", time().nullable()},
                   {"ticket_serial", text().nullable().describe("The ticket a ticket mail carries (its PDF, a fresh link)")
                                         .example("EVT2025-000123")}});
  });
}

schema::S status_reply(std::string_view status) {
  return schema::object({{"status", schema::one_of({status})}});
}

Response pdf(std::string body, const std::string& serial) {
  return file_response(std::move(body), "application/pdf", serial + ".pdf");
}
}  // namespace

void add_delivery_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/admin/outbox", .roles = {Role::admin},
         .summary = "Queued, sent and failed mail, newest first",
         .query = paging({query("status", outbox_status(), "Only messages in this state")}),
         .replies = {ok(schema::page(message_schema()))},
         .handler = [](RouteContext& c) {
           std::optional<store::outbox::Status> status;
           if (const auto s = c.req.param("status")) {
             status = store::outbox::parse_status(*s);
             if (!status) throw Error(ErrorCode::validation, "Bad status", {{"status", "must be queued, sending, sent or failed"}});
           }
           const auto page = page_request(c.req);
           return page_response(app::list_outbox(c.app, status, page), page, message_json);
         }});
  r.add({.method = "GET", .pattern = "/api/admin/outbox/summary", .roles = {Role::admin, Role::viewer},
         .summary = "Outbox counts and whether mail can go out (SMTP configured and enabled)",
         .replies = {ok(schema::object({{"queued", schema::integer()},
                                        {"sending", schema::integer()},
                                        {"sent", schema::integer()},
                                        {"failed", schema::integer()},
                                        {"smtp_configured", schema::boolean().describe("An SMTP server is set")},
                                        {"enabled", schema::boolean().describe("Mail sending is switched on")}}))},
         .handler = [](RouteContext& c) {
           const auto n = app::outbox_counts(c.app);
           const auto& mail = c.app.config.mail;
           return json_response(200, json::object{{"queued", n.queued},
                                                  {"sending", n.sending},
                                                  {"sent", n.sent},
                                                  {"failed", n.failed},
                                                  {"smtp_configured", !mail.smtp_url.empty()},
                                                  {"enabled", mail.enabled}});
         }});
  r.add({.method = "POST", .pattern = "/api/admin/outbox/{id}/retry", .roles = {Role::admin}, .writes = true,
         .summary = "Send a queued or failed message now (audited)",
         .replies = {ok(status_reply("queued"), "Queued for the next delivery round")}, .handler = [](RouteContext& c) {
           app::retry_message(c.app, c.caller(), path_id(c.param("id"), "id"));
           return json_response(200, json::object{{"status", "queued"}});
         }});
  r.add({.method = "GET", .pattern = "/api/admin/outbox/{id}/preview", .roles = {Role::admin},
         .summary = "What a message says: its subject and plain text (links that are credentials are not shown)",
         .replies = {ok(schema::object({{"id", schema::id()},
                                        {"kind", schema::text().example("ticket_sold")},
                                        {"to_email", schema::text().example("alice@example.com")},
                                        {"status", outbox_status()},
                                        {"ticket_serial", schema::text().nullable().example("EVT2025-000123")},
                                        {"subject", schema::text().example("Your ticket for Summer Fest 2026")},
                                        {"text", schema::text().describe("The plain-text body as it will be sent, "
                                                                         "with bearer links replaced by a note")}}))},
         .handler = [](RouteContext& c) {
           const auto p = app::preview_message(c.app, path_id(c.param("id"), "id"));
           return json_response(200, json::object{{"id", p.message.id},
                                                  {"kind", p.message.kind},
                                                  {"to_email", p.message.to_email},
                                                  {"status", store::outbox::to_string(p.message.status)},
                                                  {"ticket_serial", opt_text(p.message.ticket_serial)},
                                                  {"subject", p.subject},
                                                  {"text", p.text}});
         }});
  // Links are stored hashed, so a link cannot be shown again: a new one is made (see ticket_links.hpp
  // for why earlier links stay valid). Budgeted per ticket and hour (429).
  r.add({.method = "POST", .pattern = "/api/tickets/{serial}/links", .roles = {Role::admin}, .writes = true,
         .summary = "A new ticket-page link for a sold or used ticket, to copy and hand over (audited; earlier links "
                    "keep working; 429 after 20 an hour per ticket)",
         .replies = {created(schema::object(
             {{"serial", schema::text().example("EVT2025-000123")},
              {"url", schema::text().describe("The link at the configured public address (GATEPASS_PUBLIC_URL)")
                          .example("https://tickets.example.org/t/3q2-...")},
              {"path", schema::text().describe("The same link relative to this server").example("/t/3q2-...")},
              {"expires_at", schema::time().nullable().describe(
                                 "Always null: ticket links do not expire; they stop working when revoked or when "
                                 "the ticket gets a new code (transfer, re-issue)")}}))},
         .handler = [](RouteContext& c) {
           const auto link = app::issue_ticket_link(c.app, c.caller(), c.param("serial"));
           const auto path = link.url.substr(link.url.rfind("/t/"));
           return json_response(201, json::object{{"serial", link.serial}, {"url", link.url}, {"path", path},
                                                  {"expires_at", nullptr}});
         }});
  r.add({.method = "POST", .pattern = "/api/tickets/{serial}/resend", .roles = {Role::admin}, .writes = true,
         .summary = "Mail the ticket again to its holder, with a new link (audited)",
         .replies = {accepted(status_reply("queued"), "Queued in the outbox")}, .handler = [](RouteContext& c) {
           app::resend_ticket(c.app, c.caller(), c.param("serial"));
           return json_response(202, json::object{{"status", "queued"}});
         }});
  r.add({.method = "POST", .pattern = "/api/tickets/{serial}/links/revoke", .roles = {Role::admin}, .writes = true,
         .summary = "Every ticket-page link of this ticket stops working (audited)",
         .replies = {ok(schema::object({{"revoked", schema::integer().describe("How many links were revoked").example(1)}}))},
         .handler = [](RouteContext& c) {
           return json_response(200, json::object{{"revoked", app::revoke_ticket_links(c.app, c.caller(), c.param("serial"))}});
         }});
  // The holder's page without an account. A token is 256 random bits, so the limit is about load,
  // not guessing: found links are free (a venue's shared address must not lock holders out), only
  // unknown ones cost, from their own budget (GATEPASS_LINK_MISSES_PER_MINUTE).
  r.add({.method = "GET", .pattern = "/api/ticket-links/{token}", .access = Access::open, .bearer_lookup = true,
         .summary = "The ticket behind a mailed link (holder view with its code); 404 once revoked or replaced",
         .query = {query("locale", schema::text().max(35), "Language of the event's and ticket type's texts (en, de, fr, "
                                                             "es); default: Accept-Language, else the event's default_locale")},
         .replies = {ok(schema::ref("LinkedTicket", [] {
           return std::move(schema::extend(schemas::ticket(TicketAudience::holder),
                                            {{"ticket_pdf_url", schema::text().describe("The printable ticket, by the same link")
                                                                    .example("/api/ticket-links/abc.../ticket.pdf")},
                                             {"event_description", schema::text().nullable().describe("The event's description (plain text)")},
                                             {"venue", schema::text().nullable().example("Harbour Hall")},
                                             {"starts_at", schema::time().nullable()},
                                             {"ends_at", schema::time().nullable()},
                                             {"locale", texts_locale_schema()},
                                             {"time_zone", event_time_zone_schema()}})
                                .describe("The holder's ticket as shown by a mailed link"));
         }))},
         .handler = [](RouteContext& c) {
           const auto t = app::ticket_by_link(c.app, c.param("token"));
           auto body = ticket_json(t, TicketAudience::holder);
           body["ticket_pdf_url"] = "/api/ticket-links/" + c.param("token") + "/ticket.pdf";
           const auto texts = app::event_texts(c.app, {t.ticket.event_id});
           body["event_description"] = nullptr;
           body["locale"] = "en";
           body["time_zone"] = "UTC";
           body["venue"] = body["starts_at"] = body["ends_at"] = nullptr;
           if (const auto it = texts.find(t.ticket.event_id); it != texts.end()) {
             const auto& e = it->second.event;
             localize_ticket(body, t, it->second, request_locale(c.req));
             body["venue"] = text_or_null(e.venue);
             body["starts_at"] = time_or_null(e.starts_at);
             body["ends_at"] = time_or_null(e.ends_at);
           }
           Response res = json_response(200, body);
           res.headers.emplace_back("Cache-Control", "private, no-store");
           return res;
         }});
  r.add({.method = "GET", .pattern = "/api/ticket-links/{token}/ticket.pdf", .access = Access::open, .heavy = true, .max_parallel = 4,
         .bearer_lookup = true, .summary = "The printable ticket behind a mailed link (A4 PDF)",
         .query = {query("locale", schema::text().max(35),
                         "Language of the ticket's words (en, de, fr, es); default: the ticket's stored one")},
         .replies = {Reply{200, schema::binary(), "application/pdf", "The ticket as a PDF"}}, .handler = [](RouteContext& c) {
           // Rendered from the row the link was checked against (its code is the link's code).
           const auto t = app::ticket_by_link(c.app, c.param("token"));
           return pdf(app::ticket_pdf(c.app, t, app::Paper::a4, query_text(c.req, "locale", 35)), t.ticket.serial);
         }});
}

}  // namespace gatepass::http
