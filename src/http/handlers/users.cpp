#include "app/users.hpp"

#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/request_body.hpp"

namespace gatepass::app {
BOOST_DESCRIBE_STRUCT(UserChanges, (), (role, active, password, email, event_ids))
}  // namespace gatepass::app

namespace gatepass::http {

namespace {
// Missing or bad fields are reported by the use case, all at once.
struct NewUserBody {
  Needed<std::string> username;
  Needed<std::string> password;
  Needed<std::string> role;
  std::optional<std::string> email;
  std::optional<std::vector<std::int64_t>> event_ids;
  static void document(BodyDoc& d) {
    d.field("event_ids").describe("Scanners: the events they may scan (none = none)");
    d.field("username").describe("3 to 64 letters, digits, dots, dashes or underscores");
    d.field("password").describe("At least 10 characters");
    d.field("role").only({"admin", "scanner", "viewer"});
    d.example = {{"username", "gate-1"}, {"password", "a long gate password"}, {"role", "scanner"}};
  }
};
BOOST_DESCRIBE_STRUCT(NewUserBody, (), (username, password, role, email, event_ids))
}  // namespace

template <>
struct BodyDocs<app::UserChanges> {
  static void document(BodyDoc& d) {
    d.field("role").only({"admin", "scanner", "viewer"});
    d.field("active").describe("false locks the user out at once (their tokens stop working)");
    d.field("email").describe("null clears it");
    d.field("event_ids").describe("Scanners: replaces the events they may scan ([] = none)");
    d.example = {{"role", "viewer"}, {"active", true}};
  }
};

void add_user_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/users", .roles = {Role::admin}, .writes = true,
         .summary = "Create a user (admin, scanner or viewer)", .body = json_body<NewUserBody>(),
         .replies = {created(schemas::user())}, .handler = [](RouteContext& c) {
           const auto body = decode<NewUserBody>(c.req);
           app::NewUser in;
           in.username = body.username.value_or("");
           in.password = body.password.value_or("");
           in.role = body.role.value_or("");
           in.email = body.email;
           in.event_ids = body.event_ids.value_or(std::vector<std::int64_t>{});
           return json_response(201, to_json(app::create_user(c.app, c.caller(), in)));
         }});
  r.add({.method = "GET", .pattern = "/api/users", .roles = {Role::admin}, .summary = "List users", .query = paging(),
         .replies = {ok(schema::page(schemas::user()))}, .handler = [](RouteContext& c) {
           const auto page = page_request(c.req);
           return page_response(app::list_users(c.app, page), page, [](const User& u) { return to_json(u); });
         }});
  r.add({.method = "PATCH", .pattern = "/api/users/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Change role, deactivate/reactivate, reset password or email (only the fields sent)",
         .body = json_body<app::UserChanges>(), .replies = {ok(schemas::user())}, .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           const auto changes = decode<app::UserChanges>(c.req);
           return json_response(200, to_json(app::update_user(c.app, c.caller(), id, changes)));
         }});
}

}  // namespace gatepass::http
