// Two-factor sign-in for staff (docs/accounts.md): enrol, confirm, login with and without a code,
// replayed codes, recovery codes, disable, GATEPASS_REQUIRE_2FA and the login throttle. The codes
// are computed here with liboath from the secret the server hands out, like an authenticator app.
#include <oath.h>

#include <atomic>
#include <cstdlib>
#include <set>

#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

namespace {
constexpr Millis kStep = 30'000;

// The authenticator app: the 6-digit code of `base32_secret` at `at_ms`.
std::string totp_at(const std::string& base32_secret, Millis at_ms) {
  static const int init = oath_init();
  EXPECT_EQ(init, OATH_OK);
  char* raw = nullptr;
  std::size_t len = 0;
  EXPECT_EQ(oath_base32_decode(base32_secret.data(), base32_secret.size(), &raw, &len), OATH_OK) << base32_secret;
  char otp[7] = {};
  EXPECT_EQ(oath_totp_generate(raw, len, static_cast<time_t>(at_ms / 1000), OATH_TOTP_DEFAULT_TIME_STEP_SIZE,
                               OATH_TOTP_DEFAULT_START_TIME, 6, otp),
            OATH_OK);
  std::free(raw);
  return otp;
}

std::string code_of(const HttpResult& r) {
  const auto j = r.json();
  return j.is_object() && j.as_object().contains("error") ? std::string(j.at("error").at("code").as_string()) : "";
}
}  // namespace

class TwoFactor : public ApiFixture {
 protected:
  // The server runs on our clock, so every code belongs to a 30-second step the test chooses.
  void SetUp() override {
    AppFixture::SetUp();
    start_on_test_clock(app::system_now_ms() / kStep * kStep + 10'000);  // 10 s into a step
  }
  void next_step() { clock_ms += kStep; }
  std::string code_now() const { return totp_at(secret, clock_ms.load()); }

  HttpResult login_with(const std::string& user, const std::string& password, const std::optional<std::string>& code) {
    json::object body{{"username", user}, {"password", password}};
    if (code) body["code"] = *code;
    return client->post_json("/api/auth/login", body);
  }
  // Enrols and confirms the account of `token`; keeps the secret and returns the confirm answer.
  json::object turn_on(const std::string& token, const std::string& username) {
    auto e = client->post("/api/auth/2fa/enroll", token);
    EXPECT_EQ(e.status, 200) << e.body;
    secret = str(e.json(), "secret");
    EXPECT_EQ(str(e.json(), "otpauth_uri"), "otpauth://totp/Gatepass:" + username + "?secret=" + secret + "&issuer=Gatepass");
    EXPECT_NE(str(e.json(), "qr_svg").find("<svg"), std::string::npos);
    auto c = client->post_json("/api/auth/2fa/confirm", {{"code", code_now()}}, token);
    EXPECT_EQ(c.status, 200) << c.body;
    return c.json().as_object();
  }
  bool two_factor_of(const std::string& token) {
    auto me = client->get("/api/auth/me", token);
    EXPECT_EQ(me.status, 200) << me.body;
    return me.json().at("two_factor").as_bool();
  }
  std::int64_t audit_count(const std::string& action) {
    ctx->audit_queue.flush();
    return client->get("/api/admin/logs?action=" + action, admin_token).json().at("total").as_int64();
  }

  std::string secret;
};

TEST_P(TwoFactor, EnrolConfirmLoginReplayRecoveryAndDisable) {
  EXPECT_FALSE(two_factor_of(admin_token));
  auto e = client->post("/api/auth/2fa/enroll", admin_token);
  ASSERT_EQ(e.status, 200) << e.body;
  secret = str(e.json(), "secret");
  EXPECT_EQ(secret.size(), 32u) << "160 bits in base32";
  EXPECT_EQ(str(e.json(), "otpauth_uri"), "otpauth://totp/Gatepass:admin?secret=" + secret + "&issuer=Gatepass");
  // Pending until confirmed: the password alone still signs in.
  EXPECT_EQ(login_with("admin", "admin-password-123", std::nullopt).status, 200);
  EXPECT_FALSE(two_factor_of(admin_token));

  // A wrong code does not turn it on, and does not end the caller's session (400, not 401).
  const std::string right = code_now();
  const std::string wrong = right == "000000" ? "111111" : "000000";
  auto bad = client->post_json("/api/auth/2fa/confirm", {{"code", wrong}}, admin_token);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("code"));
  EXPECT_FALSE(two_factor_of(admin_token));

  auto c = client->post_json("/api/auth/2fa/confirm", {{"code", right}}, admin_token);
  ASSERT_EQ(c.status, 200) << c.body;
  const auto confirmed = c.json();
  const auto& codes = confirmed.at("recovery_codes").as_array();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> distinct;
  for (const auto& rc : codes) distinct.insert(std::string(rc.as_string()));
  EXPECT_EQ(distinct.size(), 10u);
  const auto full_token = str(c.json(), "access_token");
  EXPECT_TRUE(two_factor_of(full_token));
  EXPECT_EQ(client->post("/api/auth/2fa/enroll", full_token).status, 409) << "already on";

  // Login: no code, wrong code, the code that confirmed (replay), then the next step's code once.
  auto none = login_with("admin", "admin-password-123", std::nullopt);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(code_of(none), "second_factor_required");
  auto wrong_login = login_with("admin", "admin-password-123", wrong);
  EXPECT_EQ(wrong_login.status, 401);
  EXPECT_EQ(code_of(wrong_login), "invalid_second_factor");
  EXPECT_EQ(code_of(login_with("admin", "admin-password-123", right)), "invalid_second_factor")
      << "the step that confirmed is spent";
  next_step();
  const auto fresh = code_now();
  auto good = login_with("admin", "admin-password-123", fresh);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(client->get("/api/users", str(good.json(), "access_token")).status, 200);
  EXPECT_EQ(code_of(login_with("admin", "admin-password-123", fresh)), "invalid_second_factor") << "no replay";
  // The app's clock a step ahead is accepted; the step before the last accepted one is not.
  EXPECT_EQ(login_with("admin", "admin-password-123", totp_at(secret, clock_ms + kStep)).status, 200);
  EXPECT_EQ(code_of(login_with("admin", "admin-password-123", totp_at(secret, clock_ms))), "invalid_second_factor");

  // Recovery codes: each works once; case, spaces and dashes do not matter.
  const std::string first(codes[0].as_string());
  EXPECT_EQ(login_with("admin", "admin-password-123", first).status, 200);
  EXPECT_EQ(code_of(login_with("admin", "admin-password-123", first)), "invalid_second_factor");
  std::string typed;
  for (char ch : std::string(codes[1].as_string()))
    if (ch != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  EXPECT_EQ(login_with("admin", "admin-password-123", typed.substr(0, 8) + " " + typed.substr(8)).status, 200);
  EXPECT_EQ(code_of(login_with("admin", "admin-password-123", "ABCD-EFGH-IJKL-MNOP")), "invalid_second_factor");

  EXPECT_EQ(audit_count("auth.2fa_enroll"), 1);
  EXPECT_EQ(audit_count("auth.2fa_enable"), 1);
  EXPECT_EQ(audit_count("auth.2fa_failed"), 1) << "the wrong confirmation";

  // Disable: a wrong code is refused; a recovery code works, ends every session, returns a new one.
  EXPECT_EQ(client->post_json("/api/auth/2fa/disable", {{"code", wrong}}, full_token).status, 400);
  auto off = client->post_json("/api/auth/2fa/disable", {{"code", std::string(codes[2].as_string())}}, full_token);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(str(off.json(), "status"), "disabled");
  EXPECT_EQ(client->get("/api/auth/me", full_token).status, 401) << "sessions signed in with the factor end";
  EXPECT_FALSE(two_factor_of(str(off.json(), "access_token")));
  EXPECT_EQ(login_with("admin", "admin-password-123", std::nullopt).status, 200);
  EXPECT_EQ(client->post_json("/api/auth/2fa/disable", {{"code", code_now()}}, str(off.json(), "access_token")).status,
            409) << "not on";
  admin_token = login("admin", "admin-password-123");
  EXPECT_EQ(audit_count("auth.2fa_disable"), 1);
}

TEST_P(TwoFactor, DisableWithATotpCode) {
  const auto on = turn_on(admin_token, "admin");
  next_step();
  const auto token = str(on, "access_token");
  auto off = client->post_json("/api/auth/2fa/disable", {{"code", code_now()}}, token);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(login_with("admin", "admin-password-123", std::nullopt).status, 200);
}

TEST_P(TwoFactor, AWrongPasswordDoesNotRevealTwoFactor) {
  const auto ops = token_for_new_user("ops1", "viewer");
  turn_on(ops, "ops1");
  token_for_new_user("ops2", "viewer");  // the same role without two-factor
  next_step();
  const auto code = code_now();
  const auto unknown = login_with("nobody", "wrong-password-1", std::nullopt);
  const auto plain = login_with("ops2", "wrong-password-1", std::nullopt);
  const auto with_2fa = login_with("ops1", "wrong-password-1", std::nullopt);
  const auto with_code = login_with("ops1", "wrong-password-1", code);
  for (const auto* r : {&unknown, &plain, &with_2fa, &with_code}) {
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(r->body, unknown.body);
  }
  // The code sent with the wrong password was not spent.
  EXPECT_EQ(login_with("ops1", "password-for-ops1", code).status, 200);
}

TEST_P(TwoFactor, WrongCodesAreThrottledLikeWrongPasswords) {
  turn_on(admin_token, "admin");
  next_step();
  for (int i = 0; i < 5; ++i) {
    auto r = login_with("admin", "admin-password-123", "00000" + std::to_string(i));
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(code_of(r), "invalid_second_factor");
  }
  // Even the right password and code are refused now.
  auto blocked = login_with("admin", "admin-password-123", code_now());
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  EXPECT_EQ(code_of(blocked), "too_many_requests");
  EXPECT_EQ(audit_count("auth.login_failed"), 5);
}

TEST_P(TwoFactor, OneCodeRacedSignsInOnce) {
  turn_on(admin_token, "admin");
  next_step();
  const auto code = code_now();
  std::atomic<int> ok{0}, refused{0};
  race(4, [&](int) {
    HttpClient mine(port);
    auto r = mine.post_json("/api/auth/login", {{"username", "admin"}, {"password", "admin-password-123"}, {"code", code}});
    if (r.status == 200) ++ok;
    else if (code_of(r) == "invalid_second_factor") ++refused;
  });
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), 3);
}

TEST_P(TwoFactor, HoldersCannotEnrol) {
  auto r = client->post_json("/api/auth/register", {{"username", "holder1"}, {"password", "password-of-holder1"},
                                                    {"email", "holder1@example.com"}, {"name", "Holder"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto holder = str(r.json(), "access_token");
  EXPECT_EQ(client->post("/api/auth/2fa/enroll", holder).status, 403);
  EXPECT_EQ(client->post_json("/api/auth/2fa/confirm", {{"code", "123456"}}, holder).status, 403);
  EXPECT_FALSE(two_factor_of(holder));
}

INSTANTIATE_TEST_SUITE_P(Backends, TwoFactor, ::testing::ValuesIn(backends()), backend_name);

// GATEPASS_REQUIRE_2FA=admin: an admin without two-factor reaches only the enrolment routes.
class RequiredTwoFactor : public TwoFactor {
 protected:
  void tune_config(app::Config& c) override { c.require_second_factor = {Role::admin}; }
};

TEST_P(RequiredTwoFactor, AnAdminWithoutItReachesOnlyTheEnrolmentRoutes) {
  const auto restricted = admin_token;  // password only
  EXPECT_FALSE(two_factor_of(restricted));
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/users"}, {"GET", "/api/admin/logs"}, {"POST", "/api/events"}, {"GET", "/api/admin/registrations"}}) {
    auto r = client->request(method, path, method == "POST" ? R"({"name":"E"})" : "",
                             {{"Authorization", "Bearer " + restricted}, {"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 403) << method << " " << path;
    EXPECT_EQ(code_of(r), "second_factor_enrolment_required") << method << " " << path;
  }
  // Other roles are not affected.
  app::create_user(*ctx, admin, {"view1", "password-for-view1", "viewer", std::nullopt});
  EXPECT_EQ(client->get("/api/admin/registrations", login("view1", "password-for-view1")).status, 200);

  const auto on = turn_on(restricted, "admin");
  const auto full = str(on, "access_token");
  EXPECT_EQ(client->get("/api/users", full).status, 200);
  EXPECT_EQ(code_of(client->get("/api/users", restricted)), "second_factor_enrolment_required")
      << "a password-only token stays restricted";
  next_step();
  auto with_code = login_with("admin", "admin-password-123", code_now());
  ASSERT_EQ(with_code.status, 200) << with_code.body;
  EXPECT_EQ(client->get("/api/admin/logs", str(with_code.json(), "access_token")).status, 200);
  // "Log out everywhere" is reachable without the factor.
  EXPECT_EQ(client->post("/api/auth/logout-all", restricted).status, 200);
  EXPECT_EQ(client->get("/api/users", full).status, 401);
}

TEST_P(RequiredTwoFactor, TurningItOffRestrictsTheNewToken) {
  const auto on = turn_on(admin_token, "admin");
  next_step();
  auto off = client->post_json("/api/auth/2fa/disable", {{"code", code_now()}}, str(on, "access_token"));
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(code_of(client->get("/api/users", str(off.json(), "access_token"))), "second_factor_enrolment_required");
}

INSTANTIATE_TEST_SUITE_P(Backends, RequiredTwoFactor, ::testing::ValuesIn(backends()), backend_name);
