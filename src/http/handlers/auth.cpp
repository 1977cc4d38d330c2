#include "app/accounts/email_verification.hpp"
#include "app/accounts/holder_sessions.hpp"
#include "app/accounts/two_factor.hpp"
#include "app/auth.hpp"

#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
struct LoginBody {
  Required<std::string> username;
  Required<std::string> password;
  std::optional<std::string> account;
  std::optional<std::string> code;
  static void document(BodyDoc& d) {
    d.field("account").describe("staff or holder: which namespace the username is in (both are tried without it)");
    d.field("code").describe("Two-factor accounts: the authenticator app's current code, or a recovery code "
                             "(without it: 401 second_factor_required)");
    d.example = {{"username", "admin"}, {"password", "correct horse battery staple"}, {"account", "staff"}};
  }
};
BOOST_DESCRIBE_STRUCT(LoginBody, (), (username, password, account, code))

struct RefreshBody {
  Required<std::string> refresh_token;
  static void document(BodyDoc& d) {
    d.field("refresh_token").describe("From the holder's sign-in, sign-up or last refresh");
    d.example = {{"refresh_token", "q3Hn0yM1cQ7YwWJ2l8lqS2i0cF4cYz1wq7m5Yb2x7Kc"}};
  }
};
BOOST_DESCRIBE_STRUCT(RefreshBody, (), (refresh_token))
}  // namespace

void add_auth_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/auth/login", .access = Access::open, .writes = true,
         .summary = "Log in with username and password; returns a bearer token (repeated failures: 429)",
         .body = json_body<LoginBody>(), .replies = {ok(schemas::login())}, .handler = [](RouteContext& c) {
           const auto in = decode<LoginBody>(c.req);
           auto account = app::AccountKind::any;
           if (in.account) {
             const auto kind = app::parse_account_kind(*in.account);
             if (!kind) throw Error(ErrorCode::validation, "Bad account", {{"account", "must be staff or holder"}});
             account = *kind;
           }
           return json_response(200, login_json(app::login(c.app, *in.username, *in.password, c.req.client_address, account, in.code)));
         }});
  r.add({.method = "POST", .pattern = "/api/auth/refresh", .access = Access::open, .writes = true,
         .bearer_lookup = true,
         .summary = "Holders: trade the refresh token for a new access token and the next refresh token (the presented "
                    "one stops working; presented again later, it ends that sign-in on every device: 401)",
         .body = json_body<RefreshBody>(), .replies = {ok(schemas::login())}, .handler = [](RouteContext& c) {
           const auto in = decode<RefreshBody>(c.req);
           return json_response(200, login_json(app::accounts::refresh_holder_session(c.app, *in.refresh_token)));
         }});
  r.add({.method = "POST", .pattern = "/api/auth/logout", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Holders: sign out on this device (the refresh token and those it was traded for stop working); "
                    "the same answer for any token",
         .body = json_body<RefreshBody>(), .replies = {ok(schema::object({{"status", schema::one_of({"logged_out"})}}))},
         .handler = [](RouteContext& c) {
           const auto in = decode<RefreshBody>(c.req);
           app::accounts::end_holder_session(c.app, *in.refresh_token);
           return json_response(200, {{"status", "logged_out"}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/logout-all", .roles = any_role(), .writes = true,
         .before_second_factor = true,
         .summary = "End every session of the caller (all tokens issued so far stop working, holders' refresh tokens too)",
         .replies = {ok(schema::object({{"status", schema::one_of({"logged_out"})}}))}, .handler = [](RouteContext& c) {
           app::logout_everywhere(c.app, c.caller());
           return json_response(200, {{"status", "logged_out"}});
         }});
  r.add({.method = "GET", .pattern = "/api/auth/me", .roles = any_role(), .before_second_factor = true,
         .summary = "The logged-in user",
         .replies = {ok(schema::ref("Account", [] {
           return schema::extend(schemas::me(),
                                 {{"email", schema::text().nullable().example("alice@example.com")},
                                  {"email_verified", schema::boolean().describe(
                                                         "A holder's address counts (claims, transfers, matching) once verified")},
                                  {"two_factor", schema::boolean().describe("Two-factor sign-in is on")}});
         }))},
         .handler = [](RouteContext& c) {
           const auto& p = c.caller();
           const auto account = app::accounts::account_of(c.app, p);
           return json_response(200, {{"id", p.user_id},
                                      {"username", p.username},
                                      {"role", to_string(p.role)},
                                      {"email", account.email ? boost::json::value(*account.email) : boost::json::value(nullptr)},
                                      {"email_verified", account.email_verified()},
                                      {"two_factor", app::two_factor_enabled(c.app, p.user_id)}});
         }});
}

}  // namespace gatepass::http
