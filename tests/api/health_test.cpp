// Liveness and readiness for load balancers and monitors (issue 22): ready names each failing check.
#include <set>

#include "support/api_fixture.hpp"
#include "support/smtp_sink.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class Health : public ApiFixture {};

TEST_P(Health, LiveAndReadyAnswerWhenAllIsWell) {
  auto live = client->get("/api/health/live");
  EXPECT_EQ(live.status, 200) << live.body;
  auto ready = client->get("/api/health/ready");
  ASSERT_EQ(ready.status, 200) << ready.body;
  std::set<std::string> names;
  const auto body = ready.json();
  for (const auto& check : body.at("checks").as_array()) {
    names.insert(std::string(check.at("name").as_string()));
    EXPECT_TRUE(check.at("ok").as_bool()) << boost::json::serialize(check);
  }
  EXPECT_TRUE(names.contains("database"));
  EXPECT_TRUE(names.contains("migrations"));
  EXPECT_EQ(names.contains("disk"), GetParam() == "sqlite") << "free space matters where the database file is";
  EXPECT_FALSE(names.contains("outbox")) << "mail is not set up here: waiting messages are expected";
}

// Mail set up but its server unreachable, and a disk threshold no disk meets.
class NotReady : public ApiFixture {
  void tune_config(app::Config& c) override {
    c.mail.smtp_url = "smtp://127.0.0.1:" + std::to_string(unused_port());
    c.ready_max_outbox_age_ms = -1;  // any waiting message is too old
    c.ready_min_free_bytes = std::int64_t{1} << 62;
  }
};

TEST_P(NotReady, ReadyAnswers503NamingEachFailingCheck) {
  const auto ev = create_event_http({{"name", "Stuck mail"}});
  register_http(ev);  // queues "registration received"; no sender runs in this test
  auto ready = client->get("/api/health/ready");
  ASSERT_EQ(ready.status, 503) << ready.body;
  const auto fields = ready.json().at("error").at("fields").as_object();
  EXPECT_TRUE(fields.contains("outbox")) << ready.body;
  EXPECT_EQ(fields.contains("disk"), GetParam() == "sqlite") << ready.body;
  EXPECT_FALSE(fields.contains("database"));
  EXPECT_EQ(client->get("/api/health/live").status, 200) << "alive all the same";
}

INSTANTIATE_TEST_SUITE_P(Backends, Health, ::testing::ValuesIn(backends()), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, NotReady, ::testing::ValuesIn(backends()), backend_name);

// Issue 22: a request id, the client's when well formed, is echoed and lands in the audit rows the
// request wrote, so one id finds a request in the proxy's log, the server's errors and the audit log.
TEST_P(Health, ARequestIdIsEchoedAndRecordedInTheAuditRowsItWrote) {
  const auto ev = create_event_http({{"name", "Traced"}});
  const auto reg = register_http(ev);
  auto approved = client->request("POST", "/api/admin/approve/" + std::to_string(reg), "",
                                  {{"Authorization", "Bearer " + admin_token}, {"X-Request-Id", "lb-7f3a:42"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.headers["x-request-id"], "lb-7f3a:42");
  const auto logs = client->get("/api/admin/logs?action=registration.approve", admin_token).json();
  bool traced = false;
  for (const auto& row : logs.at("items").as_array()) {
    const auto& details = row.at("details").as_object();
    traced = traced || (details.contains("request_id") && details.at("request_id") == "lb-7f3a:42");
  }
  EXPECT_TRUE(traced) << boost::json::serialize(logs);

  // A malformed id (spaces, too long) is replaced by one the server makes; every answer has one.
  auto made = client->request("GET", "/api/health", "", {{"X-Request-Id", "has spaces in it"}});
  ASSERT_TRUE(made.headers.contains("x-request-id"));
  EXPECT_EQ(made.headers["x-request-id"].size(), 16u) << made.headers["x-request-id"];
  auto plain = client->get("/api/health");
  EXPECT_NE(plain.headers["x-request-id"], made.headers["x-request-id"]);
}
