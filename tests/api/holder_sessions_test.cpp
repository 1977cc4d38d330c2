// Holders stay signed in (docs/accounts.md, "Staying signed in") over real HTTP on both databases:
// refresh tokens are answered to holders only, stored hashed, rotate on every use, a reused one
// revokes its family, and everything that ends sessions (sign-out, logout-all, a password reset,
// deactivation, expiry) ends them. On the test's clock: nothing sleeps.
#include <atomic>
#include <set>

#include "app/accounts/account_tokens.hpp"
#include "app/accounts/holder_sessions.hpp"
#include "app/housekeeping.hpp"
#include "domain/crypto.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

namespace {
constexpr Millis kDay = 24 * 3600'000LL;
}

class HolderSessions : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    start_on_test_clock(app::system_now_ms());
  }

  struct Session {
    std::string access;
    std::string refresh;
  };
  static Session session_of(const HttpResult& r) {
    EXPECT_EQ(r.status / 100, 2) << r.body;
    const auto j = r.json();
    if (!j.is_object() || !j.as_object().contains("refresh_token")) {
      ADD_FAILURE() << "no refresh_token in " << r.body;
      return {};
    }
    return {str(j, "access_token"), str(j, "refresh_token")};
  }
  Session signup(const std::string& name) {
    return session_of(client->post_json("/api/auth/register", {{"username", name}, {"password", "password-of-" + name},
                                                               {"email", name + "@example.com"}, {"name", "Holder " + name}}));
  }
  HttpResult holder_login(const std::string& name) {
    return client->post_json("/api/auth/login",
                             {{"username", name}, {"password", "password-of-" + name}, {"account", "holder"}});
  }
  HttpResult refresh(const std::string& token) {
    return client->post_json("/api/auth/refresh", {{"refresh_token", token}});
  }
  void advance(Millis ms) { clock_ms += ms; }
  // The stored rows of the user's refresh tokens: revoked / rotated counts.
  struct Counts {
    std::int64_t total = 0, rotated = 0, revoked = 0;
  };
  Counts stored(const std::string& username) {
    Counts out;
    ctx->db.read([&](store::Connection& c) {
      const auto r = c.query(
          "SELECT COUNT(*), COUNT(t.used_at), COUNT(t.revoked_at) FROM account_tokens t JOIN users u ON u.id = t.user_id "
          "WHERE u.username = ? AND u.role = 'attendee' AND t.purpose = 'refresh'",
          {username});
      out = {r.rows.at(0).integer(0), r.rows.at(0).integer(1), r.rows.at(0).integer(2)};
    });
    return out;
  }
};

TEST_P(HolderSessions, HoldersGetARefreshTokenStoredOnlyAsItsHashStaffGetNone) {
  const auto ann = signup("ann");
  EXPECT_GE(ann.refresh.size(), 43u) << "256 bits, base64url";
  auto login = holder_login("ann");
  const auto second = session_of(login);
  EXPECT_NE(second.refresh, ann.refresh) << "each sign-in is a family of its own";
  EXPECT_EQ(stored("ann").total, 2);
  ctx->db.read([&](store::Connection& c) {
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM account_tokens WHERE token_hash = ?", {ann.refresh}).rows.at(0).integer(0), 0)
        << "the token itself is never stored";
    EXPECT_EQ(c.query("SELECT COUNT(*) FROM account_tokens WHERE token_hash = ? AND purpose = 'refresh'",
                      {crypto::sha256_hex(ann.refresh)})
                  .rows.at(0)
                  .integer(0),
              1);
  });

  // Without account holder (old clients, tests) and for staff: no refresh token.
  auto any = client->post_json("/api/auth/login", {{"username", "ann"}, {"password", "password-of-ann"}});
  ASSERT_EQ(any.status, 200) << any.body;
  EXPECT_FALSE(any.json().as_object().contains("refresh_token"));
  auto staff = client->post_json("/api/auth/login",
                                 {{"username", "admin"}, {"password", "admin-password-123"}, {"account", "staff"}});
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_FALSE(staff.json().as_object().contains("refresh_token"));
  EXPECT_EQ(holder_login("admin").status, 401) << "a staff account is no holder";
}

TEST_P(HolderSessions, ARefreshRotatesAndAReusedTokenRevokesItsFamilyOnly) {
  const auto phone = signup("ben");
  const auto laptop = session_of(holder_login("ben"));

  auto first = refresh(phone.refresh);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto next = session_of(first);
  EXPECT_NE(next.refresh, phone.refresh);
  EXPECT_EQ(str(first.json().at("user"), "username"), "ben");
  EXPECT_EQ(client->get("/api/me/tickets", next.access).status, 200) << "the new access token works";

  // Within the grace (a lost answer in the queue, two tabs at once) the old token is traded again.
  advance(app::accounts::kRefreshReuseGraceMs - 1000);
  auto retry = refresh(phone.refresh);
  ASSERT_EQ(retry.status, 200) << retry.body;
  const auto retried = session_of(retry);

  // After it, presenting it again is a copied token: the whole family ends, thief and holder alike.
  advance(2000);
  auto reused = refresh(phone.refresh);
  EXPECT_EQ(reused.status, 401) << reused.body;
  EXPECT_EQ(refresh(next.refresh).status, 401) << "the successor is revoked with its family";
  EXPECT_EQ(refresh(retried.refresh).status, 401);
  EXPECT_EQ(stored("ben").revoked, 3) << "the phone's family: its first token and both successors";

  // The other sign-in (the laptop) goes on.
  auto other = refresh(laptop.refresh);
  EXPECT_EQ(other.status, 200) << other.body;
  bool audited = false;
  const auto logs = client->get("/api/admin/logs?action=auth.refresh_reuse", admin_token).json();
  for (const auto& e : logs.at("items").as_array()) audited = audited || e.at("action") == "auth.refresh_reuse";
  EXPECT_TRUE(audited) << "the reuse is in the audit log";
}

TEST_P(HolderSessions, RacingRefreshesOfOneTokenRotateItOnce) {
  const auto s = signup("cat");
  constexpr int kTabs = 8;
  std::atomic<int> ok{0};
  std::vector<std::string> successors(kTabs);
  race(kTabs, [&](int i) {
    HttpClient c(port);
    const auto r = c.post_json("/api/auth/refresh", {{"refresh_token", s.refresh}});
    if (r.status != 200) return void(ADD_FAILURE() << r.status << " " << r.body);
    ++ok;
    successors[i] = str(r.json(), "refresh_token");
  });
  EXPECT_EQ(ok, kTabs) << "every tab within the grace gets a session";
  EXPECT_EQ(std::set<std::string>(successors.begin(), successors.end()).size(), std::size_t{kTabs});
  const auto counts = stored("cat");
  EXPECT_EQ(counts.rotated, 1) << "one conditional write rotated the token";
  EXPECT_EQ(counts.total, 1 + kTabs);
  EXPECT_EQ(counts.revoked, 0);
}

TEST_P(HolderSessions, LogoutAllPasswordResetAndDeactivationEndRefreshTokens) {
  // logout-all: every family of the account.
  const auto a1 = signup("dan");
  const auto a2 = session_of(holder_login("dan"));
  auto all = client->post("/api/auth/logout-all", a1.access);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(refresh(a1.refresh).status, 401);
  EXPECT_EQ(refresh(a2.refresh).status, 401);
  EXPECT_EQ(stored("dan").revoked, 2) << "logout-all marks them revoked";
  const auto after = session_of(holder_login("dan"));
  EXPECT_EQ(refresh(after.refresh).status, 200) << "signing in again starts afresh";

  // A password reset by mail.
  const auto eve = signup("eve");
  verify_email("eve@example.com");  // reset links go to verified addresses only
  ASSERT_EQ(client->post_json("/api/auth/password-reset", {{"email", "eve@example.com"}}).status, 202);
  const auto reset = client->post_json("/api/auth/password-reset/confirm",
                                       {{"token", mailed_token("password_reset", "eve@example.com", "reset_url")},
                                        {"password", "a brand new password"}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(refresh(eve.refresh).status, 401);

  // Deactivation by an admin; reactivating does not bring the old sign-in back.
  const auto fay = signup("fay");
  const auto id = client->get("/api/auth/me", fay.access).json().at("id").as_int64();
  ASSERT_EQ(client->patch_json("/api/users/" + std::to_string(id), {{"active", false}}, admin_token).status, 200);
  EXPECT_EQ(refresh(fay.refresh).status, 401);
  ASSERT_EQ(client->patch_json("/api/users/" + std::to_string(id), {{"active", true}}, admin_token).status, 200);
  EXPECT_EQ(refresh(fay.refresh).status, 401);
}

TEST_P(HolderSessions, ARefreshTokenLivesThirtyDaysFromItsLastUse) {
  const auto s = signup("gus");
  advance(20 * kDay);
  const auto next = session_of(refresh(s.refresh));  // sliding: 30 days from now
  advance(20 * kDay);
  const auto later = session_of(refresh(next.refresh));
  EXPECT_FALSE(later.refresh.empty()) << "40 days after sign-in, used every 20 days";
  const auto unused = session_of(holder_login("gus"));
  advance(app::accounts::kRefreshLifetimeMs + 1);
  auto expired = refresh(unused.refresh);
  EXPECT_EQ(expired.status, 401) << expired.body;
  EXPECT_NE(str(expired.json().at("error"), "message").find("expired"), std::string::npos) << expired.body;
  EXPECT_EQ(refresh(later.refresh).status, 401);
}

TEST_P(HolderSessions, HousekeepingDeletesRefreshTokensADayAfterTheyExpire) {
  const auto old = signup("joy");
  advance(app::accounts::kRefreshLifetimeMs - kDay);
  const auto fresh = session_of(holder_login("joy"));
  advance(kDay + app::kExpiredRefreshRetentionMs + 1);  // the first expired more than a day ago
  EXPECT_EQ(app::run_housekeeping(*ctx).refresh_tokens_pruned, 1);
  EXPECT_EQ(stored("joy").total, 1);
  EXPECT_EQ(refresh(old.refresh).status, 401);
  EXPECT_EQ(refresh(fresh.refresh).status, 200) << "a live sign-in is kept";
}

TEST_P(HolderSessions, SignOutEndsThisDeviceOnly) {
  const auto phone = signup("hal");
  const auto laptop = session_of(holder_login("hal"));
  const auto next = session_of(refresh(phone.refresh));
  auto out = client->post_json("/api/auth/logout", {{"refresh_token", phone.refresh}});
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(refresh(next.refresh).status, 401) << "signing out with any token of the family ends it";
  EXPECT_EQ(refresh(laptop.refresh).status, 200);
  EXPECT_EQ(client->post_json("/api/auth/logout", {{"refresh_token", std::string(43, 'x')}}).status, 200)
      << "the same answer for any token";
}

TEST_P(HolderSessions, BadInputNamesTheFieldAndWrongTokensAre401) {
  for (const auto& route : {"/api/auth/refresh", "/api/auth/logout"}) {
    for (const json::value& body : {json::value(json::object{}), json::value(json::object{{"refresh_token", 5}}),
                                    json::value(json::object{{"refresh_token", nullptr}})}) {
      auto r = client->post_json(route, body);
      EXPECT_EQ(r.status, 400) << route << " " << json::serialize(body) << " " << r.body;
      EXPECT_TRUE(r.json().at("error").at("fields").as_object().contains("refresh_token")) << r.body;
    }
    auto not_json = client->request("POST", route, "refresh_token=abc", {{"Content-Type", "application/json"}});
    EXPECT_EQ(not_json.status, 400) << not_json.body;
  }
  for (const auto& wrong : {std::string(43, 'A'), std::string("short"), std::string(5000, 'z'), std::string()}) {
    auto r = refresh(wrong);
    EXPECT_EQ(r.status, 401) << wrong.size() << " " << r.body;
    EXPECT_EQ(str(r.json().at("error"), "code"), "unauthenticated");
  }
  // An access token is no refresh token, nor a mailed one.
  const auto s = signup("ivy");
  EXPECT_EQ(refresh(s.access).status, 401);
  EXPECT_EQ(refresh(mailed_token("verify_email", "ivy@example.com", "verify_url")).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, HolderSessions, ::testing::ValuesIn(backends()), backend_name);

// Phones behind a venue's one address refresh their sign-ins all evening: a good refresh token costs
// the address nothing; unknown or spent ones come out of the miss budget (shared with ticket links);
// one sign-in refreshing in a loop is limited on its own.
class HolderSessionsLimited : public HolderSessions {
 protected:
  void tune_config(app::Config& c) override {
    c.public_writes_per_minute = 3;
    c.link_misses_per_minute = 3;
  }
};

TEST_P(HolderSessionsLimited, GoodRefreshesAreFreeForTheAddressAndUnknownTokensCost) {
  auto s = signup("amy");
  // Ten trades from one address: more than its anonymous-write budget (3) and its miss budget (3).
  for (int i = 0; i < 10; ++i) {
    advance(60'000 / app::accounts::kRefreshesPerSignInPerMinute + 1);  // never the sign-in's own limit
    s = session_of(refresh(s.refresh));
    ASSERT_FALSE(s.refresh.empty()) << i;
  }
  // Guessing costs: three unknown tokens, then 429 with Retry-After, for the good one too until it refills.
  for (int i = 0; i < 3; ++i) EXPECT_EQ(refresh(std::string(43, static_cast<char>('A' + i))).status, 401) << i;
  auto limited = refresh(std::string(43, 'Z'));
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_TRUE(limited.headers.contains("retry-after"));
  EXPECT_EQ(refresh(s.refresh).status, 429);
  advance(60'000);
  EXPECT_EQ(refresh(s.refresh).status, 200) << "refilled";
}

TEST_P(HolderSessionsLimited, OneSignInRefreshingInALoopIsLimitedAndItsTokenKept) {
  auto s = signup("bob");
  for (int i = 0; i < app::accounts::kRefreshesPerSignInPerMinute; ++i) {
    s = session_of(refresh(s.refresh));
    ASSERT_FALSE(s.refresh.empty()) << i;
  }
  const auto before = stored("bob");
  auto r = refresh(s.refresh);
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(str(r.json().at("error"), "code"), "too_many_requests");
  EXPECT_TRUE(r.headers.contains("retry-after"));
  EXPECT_EQ(stored("bob").total, before.total) << "a refused trade stores no new token";
  advance(60'000);
  EXPECT_EQ(refresh(s.refresh).status, 200) << "the presented token was not spent by the refusal";
}

INSTANTIATE_TEST_SUITE_P(Backends, HolderSessionsLimited, ::testing::ValuesIn(backends()), backend_name);
