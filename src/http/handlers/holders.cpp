#include "app/holders.hpp"
#include "app/refunds.hpp"
#include "app/transfers.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"

namespace gatepass::http {

namespace {
boost::json::object login_json(const app::LoginResult& r) {
  return {{"access_token", r.access_token},
          {"token_type", "bearer"},
          {"expires_in", r.expires_in_ms / 1000},
          {"user", {{"id", r.user.id}, {"username", r.user.username}, {"role", to_string(r.user.role)}}}};
}
}  // namespace

void add_holder_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/auth/register", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Sign up as a ticket holder {username, password, email, name}: role attendee, logged in at once",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           app::Signup in;
           for (auto [field, out] : {std::pair{"username", &in.username}, std::pair{"password", &in.password},
                                     std::pair{"email", &in.email}, std::pair{"name", &in.name}}) {
             *out = f.string(field).value_or("");  // missing: the use case names it with the other problems
           }
           f.finish();
           return json_response(201, login_json(app::register_attendee(c.app, in)));
         }});
  r.add({.method = "GET", .pattern = "/api/me/tickets", .roles = {Role::attendee},
         .summary = "The caller's own tickets, each with its current code (qr_payload) for the gate",
         .handler = [](RouteContext& c) {
           boost::json::array items;
           for (const auto& t : app::my_tickets(c.app, c.caller())) items.push_back(ticket_json(t, TicketAudience::holder));
           return json_response(200, boost::json::object{{"items", std::move(items)}});
         }});
  r.add({.method = "POST", .pattern = "/api/me/tickets/claim", .roles = {Role::attendee}, .writes = true,
         .summary = "Attach a ticket to the caller's account by its current code {code} (possession is the proof)",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           const auto code = f.string("code");
           if (!code) f.errors().add("code", "is required");
           f.finish();
           return json_response(200, ticket_json(app::claim_ticket(c.app, c.caller(), *code), TicketAudience::holder));
         }});
  r.add({.method = "GET", .pattern = "/api/me/refunds", .roles = {Role::attendee},
         .summary = "The caller's refund requests", .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::my_refunds(c.app, c.caller())));
         }});
  r.add({.method = "GET", .pattern = "/api/me/transfers", .roles = {Role::attendee},
         .summary = "Transfers the caller sent or received", .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::my_transfers(c.app, c.caller())));
         }});
}

}  // namespace gatepass::http
