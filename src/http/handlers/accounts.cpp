// Account credentials mailed to their owner (docs/accounts.md): email verification and password
// reset. The anonymous routes share the per-address budget of anonymous writes.
#include "app/accounts/email_verification.hpp"
#include "app/accounts/password_reset.hpp"

#include "http/handlers/handlers.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
struct TokenBody {
  Required<std::string> token;
  static void document(BodyDoc& d) {
    d.field("token").describe("From the mailed link (the part after #token=)");
    d.example = {{"token", "q3Hn0yM1cQ7YwWJ2l8lqS2i0cF4cYz1wq7m5Yb2x7Kc"}};
  }
};
BOOST_DESCRIBE_STRUCT(TokenBody, (), (token))

struct ResetRequestBody {
  Required<std::string> email;
  static void document(BodyDoc& d) {
    d.field("email").describe("The account's address");
    d.example = {{"email", "alice@example.com"}};
  }
};
BOOST_DESCRIBE_STRUCT(ResetRequestBody, (), (email))

struct ResetConfirmBody {
  Required<std::string> token;
  Required<std::string> password;
  static void document(BodyDoc& d) {
    d.field("token").describe("From the mailed link (the part after #token=)");
    d.field("password").describe("The new password (at least 10 characters)");
    d.example = {{"token", "q3Hn0yM1cQ7YwWJ2l8lqS2i0cF4cYz1wq7m5Yb2x7Kc"}, {"password", "a new correct horse battery"}};
  }
};
BOOST_DESCRIBE_STRUCT(ResetConfirmBody, (), (token, password))

schema::S status_of(std::string_view status) { return schema::object({{"status", schema::one_of({status})}}); }
}  // namespace

void add_account_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/auth/verify-email", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Verify a holder's email address with the mailed one-time link; 404 invalid (unknown, used or "
                    "expired), 409 email_taken (another account verified it first)",
         .body = json_body<TokenBody>(),
         .replies = {ok(schema::object({{"status", schema::one_of({"verified"})},
                                        {"username", schema::text().example("alice")},
                                        {"tickets_attached", schema::integer().describe(
                                                                 "Unheld tickets bought with the address, now in My tickets")}}))},
         .handler = [](RouteContext& c) {
           const auto in = decode<TokenBody>(c.req);
           const auto v = app::accounts::verify_email(c.app, *in.token);
           return json_response(200, {{"status", "verified"}, {"username", v.username}, {"tickets_attached", v.tickets_attached}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/verify-email/resend", .roles = {Role::attendee}, .writes = true,
         .summary = "Mail the verification link again (at most 3 an hour: 429)",
         .replies = {accepted(status_of("sent"), "Queued in the outbox")}, .handler = [](RouteContext& c) {
           app::accounts::resend_verification(c.app, c.caller());
           return json_response(202, {{"status", "sent"}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/password-reset", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Mail a one-time password reset link (30 minutes) to the accounts with this address; the answer "
                    "is the same whether or not one exists",
         .body = json_body<ResetRequestBody>(), .replies = {accepted(status_of("accepted"), "The same answer for any address")},
         .handler = [](RouteContext& c) {
           const auto in = decode<ResetRequestBody>(c.req);
           app::accounts::request_password_reset(c.app, *in.email);
           return json_response(202, {{"status", "accepted"}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/password-reset/confirm", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Set a new password with the mailed link; every session of the account ends. 404 invalid link, "
                    "400 weak password (the link stays usable)",
         .body = json_body<ResetConfirmBody>(), .replies = {ok(status_of("password_changed"))},
         .handler = [](RouteContext& c) {
           const auto in = decode<ResetConfirmBody>(c.req);
           app::accounts::confirm_password_reset(c.app, *in.token, *in.password);
           return json_response(200, {{"status", "password_changed"}});
         }});
}

}  // namespace gatepass::http
