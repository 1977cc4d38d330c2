#include "app/box_office/my_tickets.hpp"
#include "app/box_office/reissue.hpp"
#include "app/holders.hpp"
#include "app/refunds.hpp"
#include "app/transfers.hpp"
#include "domain/time.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/request_body.hpp"
#include "http/request_locale.hpp"
#include "http/ticket_texts_json.hpp"

namespace gatepass::http {

namespace {
// Missing fields are named by the use case, together with its other problems.
struct SignupBody {
  Needed<std::string> username;
  Needed<std::string> password;
  Needed<std::string> email;
  Needed<std::string> name;
  std::optional<std::string> locale;
  static void document(BodyDoc& d) {
    d.field("username").describe("For logging in");
    d.field("locale").max(35).describe("The holder's language (en, de, fr, es; de-AT is de): their mails are in it. "
                                       "Default: Accept-Language, else each event's default_locale");
    d.field("email").describe("Tickets mailed to this address can be claimed by the account");
    d.field("name").describe("The holder's name, as printed on tickets");
    d.example = {{"username", "alice"}, {"password", "correct horse battery staple"}, {"email", "alice@example.com"},
                 {"name", "Alice Example"}};
  }
};
BOOST_DESCRIBE_STRUCT(SignupBody, (), (username, password, email, name, locale))

// The QR text alone proves nothing (it is on every paper ticket and every phone in the queue): a
// claim needs the claim code printed beside it.
struct ClaimBody {
  Needed<std::string> claim_code;
  std::optional<std::string> code;
  static void document(BodyDoc& d) {
    d.field("claim_code").describe("Printed beside the QR on the ticket PDF and sheets: SERIAL-XXXX-XXXX-XXXX");
    d.field("code").describe("Optional: the ticket's current QR text too; it must then match");
    d.example = {{"claim_code", "EVT2026-000123-ABCD-EFGH-JKLM"}};
  }
};
BOOST_DESCRIBE_STRUCT(ClaimBody, (), (claim_code, code))

struct ReissueBody {
  std::optional<std::string> reason;
  static void document(BodyDoc& d) {
    d.field("reason").describe("Why (for the record)").max(500);
    d.example = {{"reason", "My QR code was photographed"}};
  }
};
BOOST_DESCRIBE_STRUCT(ReissueBody, (), (reason))

// A card of My tickets: the ticket, its event's when and where, and what waits for a decision.
schema::S my_ticket_schema() {
  return schema::ref("MyTicket", [] {
    const auto pending = schema::object(
        {{"id", schema::id().describe("The refund's or the transfer's id (cancel: POST /api/refunds/{id}/cancel or "
                                      "/api/transfers/{id}/cancel)")},
         {"kind", schema::one_of({"refund", "transfer"})},
         {"to_username", schema::text().nullable().example("leo.park").describe("Transfers to an account")},
         {"to_email", schema::text().nullable().describe("Transfers offered by email")},
         {"created_at", schema::time()},
         {"can_cancel", schema::boolean().describe("The caller asked for it (a refund an admin asked for is theirs)")}});
    return std::move(
        schema::extend(schemas::ticket(TicketAudience::holder),
                       {{"venue", schema::text().nullable().example("Harbour Hall")},
                        {"starts_at", schema::time().nullable()},
                        {"ends_at", schema::time().nullable()},
                        {"event_description", schema::text().nullable().describe("The event's description (plain text)")},
                        {"locale", texts_locale_schema()},
                        {"time_zone", event_time_zone_schema()},
                        {"pending_request", std::move(schema::S(pending).nullable().describe(
                                                "A refund or transfer of this ticket waiting for a decision"))}})
            .describe("My tickets: the holder's own ticket with its event's time and place"));
  });
}

boost::json::object my_ticket_json(const app::HolderTicket& card, const app::Principal& me) {
  auto out = ticket_json(card.ticket, TicketAudience::holder);
  out["venue"] = text_or_null(card.venue);
  out["starts_at"] = time_or_null(card.starts_at);
  out["ends_at"] = time_or_null(card.ends_at);
  out["event_description"] = text_or_null(card.description);
  boost::json::value pending = nullptr;
  if (const auto& p = card.pending)
    pending = boost::json::object{{"id", p->id},
                                  {"kind", p->kind},
                                  {"to_username", text_or_null(p->to_username)},
                                  {"to_email", text_or_null(p->to_email)},
                                  {"created_at", format_iso8601(p->created_at)},
                                  {"can_cancel", p->requested_by == me.user_id}};
  out["pending_request"] = std::move(pending);
  return out;
}
}  // namespace

void add_holder_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/auth/register", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Sign up as a ticket holder: role attendee, logged in at once; 409 when the username or email is taken",
         .body = json_body<SignupBody>(), .replies = {created(schemas::login(), "Signed up and logged in")},
         .handler = [](RouteContext& c) {
           auto in = decode<SignupBody>(c.req);
           app::Signup s;
           s.username = in.username.value_or("");
           s.password = in.password.value_or("");
           s.email = in.email.value_or("");
           s.name = in.name.value_or("");
           s.locale = std::move(in.locale);
           s.accept_language = accept_language(c.req);
           return json_response(201, login_json(app::register_attendee(c.app, s)));
         }});
  r.add({.method = "GET", .pattern = "/api/me/tickets", .roles = {Role::attendee},
         .summary = "The caller's own tickets, each with its current code (qr_payload) for the gate, its event's time "
                    "and place, and the refund or transfer waiting for a decision",
         .query = {query("locale", schema::text().max(35), "Language of the events' and ticket types' texts (en, de, fr, "
                                                             "es); default: Accept-Language, else each event's default_locale")},
         .replies = {ok(schema::items(my_ticket_schema()))}, .handler = [](RouteContext& c) {
           boost::json::array items;
           const auto cards = app::my_ticket_cards(c.app, c.caller());
           std::vector<Id> event_ids;
           for (const auto& t : cards) event_ids.push_back(t.ticket.ticket.event_id);
           const auto texts = app::event_texts(c.app, event_ids);
           const auto lang = request_locale(c.req);
           for (const auto& t : cards) {
             auto out = my_ticket_json(t, c.caller());
             out["locale"] = "en";
             out["time_zone"] = "UTC";
             if (const auto it = texts.find(t.ticket.ticket.event_id); it != texts.end()) localize_ticket(out, t.ticket, it->second, lang);
             items.push_back(std::move(out));
           }
           return json_response(200, boost::json::object{{"items", std::move(items)}});
         }});
  r.add({.method = "POST", .pattern = "/api/me/tickets/claim", .roles = {Role::attendee}, .writes = true,
         .summary = "Take a ticket into the caller's account by the claim code printed beside its QR; 403 "
                    "email_unverified, 404 invalid, 409 already_claimed. The purchaser is mailed.",
         .body = json_body<ClaimBody>(), .replies = {ok(schemas::ticket(TicketAudience::holder), "The claimed ticket")},
         .handler = [](RouteContext& c) {
           const auto in = decode<ClaimBody>(c.req);
           if (!in.claim_code)
             throw Error(ErrorCode::validation, "The QR text alone does not claim a ticket",
                         {{"claim_code", "type the claim code printed beside the QR (SERIAL-XXXX-XXXX-XXXX)"}});
           return json_response(200, ticket_json(app::claim_ticket(c.app, c.caller(), *in.claim_code, in.code),
                                                 TicketAudience::holder));
         }});
  r.add({.method = "POST", .pattern = "/api/ticket-links/{token}/claim", .roles = {Role::attendee}, .writes = true,
         .summary = "Take the ticket behind a mailed link into the caller's account; 403 email_unverified, 404 "
                    "invalid, 409 already_claimed",
         .replies = {ok(schemas::ticket(TicketAudience::holder), "The claimed ticket")}, .handler = [](RouteContext& c) {
           return json_response(200, ticket_json(app::claim_by_link(c.app, c.caller(), c.param("token")),
                                                 TicketAudience::holder));
         }});
  r.add({.method = "POST", .pattern = "/api/me/tickets/{serial}/reissue", .roles = {Role::attendee}, .writes = true,
         .summary = "My QR leaked: a new code for my ticket (the old one answers superseded; a fresh link is mailed)",
         .body = optional_json_body<ReissueBody>(),
         .replies = {ok(schemas::ticket(TicketAudience::holder), "The ticket with its new code")},
         .handler = [](RouteContext& c) {
           const auto in = decode_optional<ReissueBody>(c.req);
           return json_response(200, ticket_json(app::reissue_ticket(c.app, c.caller(), c.param("serial"), in.reason),
                                                 TicketAudience::holder));
         }});
  r.add({.method = "GET", .pattern = "/api/me/refunds", .roles = {Role::attendee},
         .summary = "The caller's refund requests", .replies = {ok(schema::items(schemas::refund()))},
         .handler = [](RouteContext& c) { return json_response(200, items_json(app::my_refunds(c.app, c.caller()))); }});
  r.add({.method = "GET", .pattern = "/api/me/transfers", .roles = {Role::attendee},
         .summary = "Transfers the caller sent or received", .replies = {ok(schema::items(schemas::transfer()))},
         .handler = [](RouteContext& c) { return json_response(200, items_json(app::my_transfers(c.app, c.caller()))); }});
}

}  // namespace gatepass::http
