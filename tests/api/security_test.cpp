// Who may do what, and what forged tickets and tokens get.
#include "http/handlers/handlers.hpp"
#include "support/api_fixture.hpp"

using namespace gatepass::testing;

class Security : public ApiFixture {};

TEST_P(Security, EveryNonPublicRouteNeedsAToken) {
  // Derived from the route table, so a new route cannot be left out of this test.
  int checked = 0;
  const auto router = gatepass::http::make_api_router();
  for (const auto& route : router.routes()) {
    if (route.access != gatepass::http::Access::roles) continue;
    std::string path;
    for (std::size_t i = 0; i < route.pattern.size(); ++i) {
      if (route.pattern[i] != '{') {
        path += route.pattern[i];
        continue;
      }
      path += "1";  // every parameter: a plausible id, serial or token
      i = route.pattern.find('}', i);
    }
    auto r = client->request(route.method, path);
    EXPECT_EQ(r.status, 401) << route.method << " " << path;
    EXPECT_EQ(r.json().at("error").at("code").as_string(), "unauthenticated") << route.method << " " << path;
    ++checked;
  }
  EXPECT_GT(checked, 60) << "the route table lost its protected routes?";
}

TEST_P(Security, RolesAreEnforced) {
  const auto event_id = create_event_http({{"name", "E"}});
  create_event_http({{"name", "Other"}});  // a scanner of one event would look serials up there
  const auto reg = register_http(event_id);
  const auto scanner = token_for_new_user("gate1", "scanner");
  const auto viewer = token_for_new_user("view1", "viewer");
  EXPECT_EQ(client->post("/api/admin/approve/" + std::to_string(reg), scanner).status, 403);
  EXPECT_EQ(client->post("/api/admin/approve/" + std::to_string(reg), viewer).status, 403);
  EXPECT_EQ(client->get("/api/admin/registrations", viewer).status, 200);  // read-only access
  EXPECT_EQ(client->get("/api/admin/registrations", scanner).status, 403);  // gate staff see no PII lists
  EXPECT_EQ(client->get("/api/admin/logs", viewer).status, 403);
  EXPECT_EQ(client->post_json("/api/users", {{"username", "x1x"}, {"password", "0123456789ab"}, {"role", "admin"}}, scanner).status, 403);
  EXPECT_EQ(client->post_json("/api/events", {{"name", "x"}}, viewer).status, 403);
  EXPECT_EQ(client->get("/api/verify-ticket/X-1", viewer).status, 403);
  EXPECT_EQ(client->get("/api/verify-ticket/X-1", scanner).status, 400) << "a scanner's serial lookup names its gate";
  EXPECT_EQ(client->get("/api/verify-ticket/X-1?event_id=" + std::to_string(event_id), scanner).status, 404);
  const auto ticket = client->post("/api/admin/approve/" + std::to_string(reg), admin_token).json().at("ticket");
  EXPECT_EQ(client->get(std::string(ticket.at("qr_png_url").as_string()), scanner).status, 403);
}

TEST_P(Security, DeactivatedUsersAreLockedOutImmediately) {
  const auto scanner = token_for_new_user("gate1", "scanner");
  EXPECT_EQ(client->get("/api/auth/me", scanner).status, 200);
  auto users = client->get("/api/users", admin_token).json().at("items").as_array();
  const auto id = users.back().at("id").as_int64();
  EXPECT_EQ(client->patch_json("/api/users/" + std::to_string(id), {{"active", false}}, admin_token).status, 200);
  EXPECT_EQ(client->get("/api/auth/me", scanner).status, 401);
  auto relog = client->post_json("/api/auth/login", {{"username", "gate1"}, {"password", "password-for-gate1"}});
  EXPECT_EQ(relog.status, 401);
}

TEST_P(Security, LoginFailuresLookTheSameAndAreAudited) {
  auto unknown = client->post_json("/api/auth/login", {{"username", "nobody"}, {"password", "whatever-123"}});
  auto wrong = client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "wrong-password"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
  EXPECT_EQ(client->get("/api/admin/logs?action=auth.login_failed", admin_token).json().at("total").as_int64(), 2);
}

TEST_P(Security, RepeatedLoginFailuresAreThrottled) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "guess-" + std::to_string(i)}}).status, 401);
  // Even the right password is refused now: the guesser cannot tell when they hit it.
  auto blocked = client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "admin-password-123"}});
  EXPECT_EQ(blocked.status, 429);
  EXPECT_EQ(blocked.headers["retry-after"], "1") << "the first delay after the free failures";
  EXPECT_EQ(blocked.json().at("error").at("code").as_string(), "too_many_requests");
  ctx->audit_queue.flush();
  EXPECT_EQ(client->get("/api/admin/logs?action=auth.login_throttled", admin_token).json().at("total").as_int64(), 1);
  EXPECT_EQ(client->get("/api/auth/me", admin_token).status, 200) << "existing sessions keep working";
}

TEST_P(Security, BadTokensAreRejected) {
  const auto me = [&](const std::string& token) { return client->get("/api/auth/me", token).status; };
  EXPECT_EQ(me(admin_token), 200);
  auto tampered = admin_token;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'x' ? 'y' : 'x';
  EXPECT_EQ(me(tampered), 401);
  // Forge role=admin for the same user by editing the payload: signature no longer matches.
  const auto first = admin_token.find('.'), second = admin_token.rfind('.');
  EXPECT_EQ(me(admin_token.substr(0, first) + ".eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIiwiZXhwIjo0MTAyNDQ0ODAwfQ" +
               admin_token.substr(second)), 401);
  EXPECT_EQ(me("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwibmFtZSI6ImFkbWluIiwicm9sZSI6ImFkbWluIiwiZXhwIjo0MTAyNDQ0ODAwfQ."), 401);
  EXPECT_EQ(me("garbage"), 401);
  EXPECT_EQ(client->request("GET", "/api/auth/me", "", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}).status, 401);
  // Expired: a token issued by the same key 13 hours ago.
  const auto expired = ctx->tokens.issue(admin.user_id, "admin", gatepass::Role::admin, 0, ctx->now() - 13LL * 3600 * 1000);
  EXPECT_EQ(me(expired), 401);
}

TEST_P(Security, ForgedTicketsAre404AndLogged) {
  const auto e1 = create_event_http({{"name", "E1"}});
  const auto e2 = create_event_http({{"name", "E2"}});
  const auto t1 = str(issued_ticket(e1), "qr_payload");
  const auto t2 = str(issued_ticket(e2), "qr_payload");
  auto flipped = t1;
  flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
  // Event 2's signature on event 1's claims: "another event's key".
  const auto spliced = t1.substr(0, 4 + 34) + t2.substr(4 + 34);
  const std::vector<std::string> forged = {flipped, spliced, t1.substr(0, t1.size() - 8), "GP1:" + std::string(136, 'Q'),
                                           "totally random text", "EVT2099-000001"};
  for (const auto& code : forged) {
    auto v = client->get("/api/verify-ticket/" + url_encode(code), admin_token);
    EXPECT_EQ(v.status, 404) << code;
    // A signed payload that fails is a forgery; anything else is a typed serial naming no ticket.
    const auto expected = code.starts_with("GP1:") ? "invalid" : "unknown_serial";
    EXPECT_EQ(v.json().at("error").at("code").as_string(), expected) << code;
    const auto m = client->post("/api/mark-used/" + url_encode(code), admin_token);
    EXPECT_EQ(m.status, 404) << code;
    EXPECT_EQ(m.json().at("error").at("code").as_string(), expected) << code;
  }
  EXPECT_EQ(client->get("/api/admin/logs?action=checkin.invalid", admin_token).json().at("total").as_int64(),
            static_cast<std::int64_t>(forged.size()));
  // The real ones are untouched.
  EXPECT_EQ(client->post("/api/mark-used/" + url_encode(t1), admin_token).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, Security, ::testing::ValuesIn(backends()), backend_name);
