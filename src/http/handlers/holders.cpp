#include "app/holders.hpp"
#include "app/refunds.hpp"
#include "app/transfers.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
// Missing fields are named by the use case, together with its other problems.
struct SignupBody {
  Needed<std::string> username;
  Needed<std::string> password;
  Needed<std::string> email;
  Needed<std::string> name;
  static void document(BodyDoc& d) {
    d.field("username").describe("For logging in");
    d.field("email").describe("Tickets mailed to this address can be claimed by the account");
    d.field("name").describe("The holder's name, as printed on tickets");
    d.example = {{"username", "alice"}, {"password", "correct horse battery staple"}, {"email", "alice@example.com"},
                 {"name", "Alice Example"}};
  }
};
BOOST_DESCRIBE_STRUCT(SignupBody, (), (username, password, email, name))

struct ClaimBody {
  Required<std::string> code;
  static void document(BodyDoc& d) {
    d.field("code").describe("The ticket's current code (its QR payload, as printed or mailed)");
    d.example = {{"code", "GP1:AEAAAAAQAAAAKgAAAAAAAAB7..."}};
  }
};
BOOST_DESCRIBE_STRUCT(ClaimBody, (), (code))
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
           return json_response(201, login_json(app::register_attendee(c.app, s)));
         }});
  r.add({.method = "GET", .pattern = "/api/me/tickets", .roles = {Role::attendee},
         .summary = "The caller's own tickets, each with its current code (qr_payload) for the gate",
         .replies = {ok(schema::items(schemas::ticket(TicketAudience::holder)))}, .handler = [](RouteContext& c) {
           boost::json::array items;
           for (const auto& t : app::my_tickets(c.app, c.caller())) items.push_back(ticket_json(t, TicketAudience::holder));
           return json_response(200, boost::json::object{{"items", std::move(items)}});
         }});
  r.add({.method = "POST", .pattern = "/api/me/tickets/claim", .roles = {Role::attendee}, .writes = true,
         .summary = "Attach a ticket to the caller's account by its current code (possession is the proof); "
                    "404 unknown or replaced code, 409 already_claimed",
         .body = json_body<ClaimBody>(), .replies = {ok(schemas::ticket(TicketAudience::holder), "The claimed ticket")},
         .handler = [](RouteContext& c) {
           const auto in = decode<ClaimBody>(c.req);
           return json_response(200, ticket_json(app::claim_ticket(c.app, c.caller(), *in.code), TicketAudience::holder));
         }});
  r.add({.method = "GET", .pattern = "/api/me/refunds", .roles = {Role::attendee},
         .summary = "The caller's refund requests", .replies = {ok(schema::items(schemas::refund()))},
         .handler = [](RouteContext& c) { return json_response(200, items_json(app::my_refunds(c.app, c.caller()))); }});
  r.add({.method = "GET", .pattern = "/api/me/transfers", .roles = {Role::attendee},
         .summary = "Transfers the caller sent or received", .replies = {ok(schema::items(schemas::transfer()))},
         .handler = [](RouteContext& c) { return json_response(200, items_json(app::my_transfers(c.app, c.caller()))); }});
}

}  // namespace gatepass::http
