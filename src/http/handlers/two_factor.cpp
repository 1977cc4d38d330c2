// Two-factor sign-in for staff (docs/accounts.md): enrol, confirm, disable. Holders get 403 (the
// routes name staff roles). Reachable with a token that still lacks the factor, which is how a
// GATEPASS_REQUIRE_2FA account turns it on.
#include "app/accounts/two_factor.hpp"

#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
struct CodeBody {
  Required<std::string> code;
  static void document(BodyDoc& d) {
    d.field("code").describe("The current 6-digit code of the authenticator app (disable: or a recovery code)");
    d.example = {{"code", "492039"}};
  }
};
BOOST_DESCRIBE_STRUCT(CodeBody, (), (code))

std::vector<Role> staff() { return {Role::admin, Role::scanner, Role::viewer}; }
}  // namespace

void add_two_factor_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/auth/2fa/enroll", .roles = staff(), .writes = true,
         .before_second_factor = true,
         .summary = "Start two-factor sign-in: a new TOTP secret, pending until confirmed (409 when already on)",
         .replies = {ok(schema::object({{"secret", schema::text().describe("Base32, for typing into the app")},
                                        {"otpauth_uri", schema::text().example(
                                                            "otpauth://totp/Gatepass:admin?secret=JBSWY3DPEHPK3PXP&issuer=Gatepass")},
                                        {"qr_svg", schema::text().describe("The otpauth URI as an SVG QR code")}}))},
         .handler = [](RouteContext& c) {
           const auto e = app::enroll_two_factor(c.app, c.caller());
           return json_response(200, {{"secret", e.secret}, {"otpauth_uri", e.otpauth_uri}, {"qr_svg", e.qr_svg}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/2fa/confirm", .roles = staff(), .writes = true,
         .before_second_factor = true,
         .summary = "Turn two-factor on with a current code; returns the recovery codes (shown once) and a token "
                    "signed in with the factor. A wrong code: 400 naming code",
         .body = json_body<CodeBody>(),
         .replies = {ok(schema::object(
             {{"recovery_codes", schema::array(schema::text().example("ABCD-EFGH-IJKL-MNOP"))
                                     .describe("10 single-use codes for when the phone is lost")},
              {"access_token", schema::text().describe("Send as Authorization: Bearer <access_token>")}}))},
         .handler = [](RouteContext& c) {
           const auto in = decode<CodeBody>(c.req);
           const auto done = app::confirm_two_factor(c.app, c.caller(), *in.code, c.req.client_address);
           boost::json::array codes;
           for (const auto& code : done.recovery_codes) codes.emplace_back(code);
           return json_response(200, {{"recovery_codes", std::move(codes)}, {"access_token", done.session.access_token}});
         }});
  r.add({.method = "POST", .pattern = "/api/auth/2fa/disable", .roles = staff(), .writes = true,
         .before_second_factor = true,
         .summary = "Turn two-factor off with a current code or a recovery code; ends every session of the account "
                    "and returns a new token. A wrong code: 400 naming code",
         .body = json_body<CodeBody>(),
         .replies = {ok(schema::object({{"status", schema::one_of({"disabled"})},
                                        {"access_token", schema::text().describe("The caller's new session")}}))},
         .handler = [](RouteContext& c) {
           const auto in = decode<CodeBody>(c.req);
           const auto session = app::disable_two_factor(c.app, c.caller(), *in.code, c.req.client_address);
           return json_response(200, {{"status", "disabled"}, {"access_token", session.access_token}});
         }});
}

}  // namespace gatepass::http
