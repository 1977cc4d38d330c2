#include "app/auth.hpp"

#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

void add_auth_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/auth/login", .access = Access::open, .writes = true,
         .summary = "Log in with username and password; returns a bearer token",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           auto username = f.string("username");
           auto password = f.string("password");
           if (!f.has("username")) f.errors().add("username", "is required");
           if (!f.has("password")) f.errors().add("password", "is required");
           f.finish();
           const auto result = app::login(c.app, username.value_or(""), password.value_or(""), c.req.client_address);
           return json_response(200, {{"access_token", result.access_token},
                                      {"token_type", "bearer"},
                                      {"expires_in", result.expires_in_ms / 1000},
                                      {"user", {{"id", result.user.id},
                                                {"username", result.user.username},
                                                {"role", to_string(result.user.role)}}}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/logout-all", .roles = any_role(), .writes = true,
         .summary = "End every session of the caller (all tokens issued so far stop working)",
         .handler = [](RouteContext& c) {
           app::logout_everywhere(c.app, c.caller());
           return json_response(200, {{"status", "logged_out"}});
         }});
  r.add({.method = "GET", .pattern = "/api/auth/me", .roles = any_role(), .summary = "The logged-in user",
         .handler = [](RouteContext& c) {
           const auto& p = c.caller();
           return json_response(200, {{"id", p.user_id}, {"username", p.username}, {"role", to_string(p.role)}});
         }});
}

}  // namespace gatepass::http
