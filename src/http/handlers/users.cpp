#include "app/users.hpp"

#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

void add_user_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/users", .roles = {Role::admin}, .writes = true,
         .summary = "Create a user (admin, scanner or viewer)", .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           app::NewUser in;
           in.username = f.string("username").value_or("");
           in.password = f.string("password").value_or("");
           in.role = f.string("role").value_or("");
           in.email = f.string("email");
           f.finish();
           return json_response(201, to_json(app::create_user(c.app, c.caller(), in)));
         }});
  r.add({.method = "GET", .pattern = "/api/users", .roles = {Role::admin}, .summary = "List users",
         .handler = [](RouteContext& c) {
           const auto page = page_request(c.req);
           return page_response(app::list_users(c.app, page), page, [](const User& u) { return to_json(u); });
         }});
  r.add({.method = "PATCH", .pattern = "/api/users/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Change role, deactivate/reactivate, reset password or email", .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           app::UserChanges ch;
           ch.role = f.string("role");
           ch.active = f.boolean("active");
           ch.password = f.string("password");
           ch.email = f.nullable_string("email");
           f.finish();
           return json_response(200, to_json(app::update_user(c.app, c.caller(), id, ch)));
         }});
}

}  // namespace gatepass::http
