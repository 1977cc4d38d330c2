#pragma once
// The real server on an ephemeral port, spoken to over real HTTP, on each backend.
#include <atomic>

#include <boost/json.hpp>

#include "http/server.hpp"
#include "store/outbox_repo.hpp"
#include "support/app_fixture.hpp"
#include "support/http_client.hpp"

namespace gatepass::testing {

class ApiFixture : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    server = start_server(*ctx, port);
    client = std::make_unique<HttpClient>(port);
    admin_token = login("admin", "admin-password-123");
  }
  // The server again, on the test's clock (`clock_ms`, starting at `start`): for tests of expiry,
  // windows and limits that must not sleep. Call from SetUp after AppFixture::SetUp().
  void start_on_test_clock(Millis start) {
    clock_ms = start;
    auto config = test_config(data_dir);
    tune_config(config);
    ctx = std::make_unique<app::Context>(*tdb->db, std::move(config), [this] { return clock_ms.load(); });
    server = start_server(*ctx, port);
    client = std::make_unique<HttpClient>(port);
    admin_token = login("admin", "admin-password-123");
  }
  std::atomic<Millis> clock_ms{0};

  void TearDown() override {
    client.reset();
    server.reset();
    AppFixture::TearDown();
  }

  // A real server for `context` on a free port (written to `bound_port`).
  // `tune` may change the options (deadlines, limits, trusted proxies) before the server starts.
  std::unique_ptr<http::Server> start_server(app::Context& context, unsigned short& bound_port,
                                             const std::function<void(http::ServerOptions&)>& tune = {}) {
    http::ServerOptions opts;
    opts.port = 0;
    opts.web_root = data_dir + "/no-web-app";
    opts.io_threads = 2;
    opts.access_log = http::AccessLog::off;  // tests that read the access log turn it on
    if (tune) tune(opts);
    auto s = std::make_unique<http::Server>(context, opts);
    bound_port = s->start();
    return s;
  }

  std::string login(const std::string& user, const std::string& password) {
    auto r = client->post_json("/api/auth/login", {{"username", user}, {"password", password}});
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("access_token").as_string());
  }
  // Scanners are assigned to events (docs/devices.md §2). Tests about other things get scanners of
  // every event: those that exist now and those create_event_http makes later. Tests of the
  // assignment rule itself make their scanners with scanner_for().
  std::string token_for_new_user(const std::string& name, const std::string& role) {
    boost::json::object body{{"username", name}, {"password", "password-for-" + name}, {"role", role}};
    if (role == "scanner") body["event_ids"] = all_event_ids();
    auto r = client->post_json("/api/users", body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    if (role == "scanner" && r.status == 201) all_events_scanners_.push_back(r.json().at("id").as_int64());
    return login(name, "password-for-" + name);
  }
  // A scanner assigned to exactly these events.
  std::string scanner_for(const std::string& name, const boost::json::array& event_ids) {
    auto r = client->post_json("/api/users", {{"username", name}, {"password", "password-for-" + name}, {"role", "scanner"},
                                              {"event_ids", event_ids}},
                               admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return login(name, "password-for-" + name);
  }
  std::int64_t create_event_http(const boost::json::object& body) {
    auto r = client->post_json("/api/events", body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().at("id").as_int64();
    for (const auto scanner : all_events_scanners_) {
      auto patched = client->patch_json("/api/users/" + std::to_string(scanner), {{"event_ids", all_event_ids()}}, admin_token);
      EXPECT_EQ(patched.status, 200) << patched.body;
    }
    return id;
  }
  boost::json::array all_event_ids() {
    boost::json::array ids;
    ctx->db.read([&](store::Connection& c) {
      for (const auto& row : c.query("SELECT id FROM events ORDER BY id", {}).rows) ids.push_back(row.integer(0));
    });
    return ids;
  }
  std::vector<std::int64_t> all_events_scanners_;
  int registrations_made_ = 0;
  // Each call registers another address (an event takes one registration per address by default).
  std::int64_t register_http(std::int64_t event_id, const std::string& name = "Alice") {
    const auto n = registrations_made_++;
    const std::string email = "a" + (n ? std::to_string(n) : std::string()) + "@example.com";
    auto r = client->post_json("/api/register", {{"event_id", event_id}, {"name", name}, {"email", email}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }
  // Registers and approves; returns the approval's ticket object.
  boost::json::object issued_ticket(std::int64_t event_id) {
    const auto id = register_http(event_id);
    auto r = client->post("/api/admin/approve/" + std::to_string(id), admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("ticket").as_object();
  }
  // Mail queued in the outbox: every message of `kind` to `address`, oldest first, as its vars.
  std::vector<boost::json::object> mailed(const std::string& kind, const std::string& address) {
    std::vector<boost::json::object> out;
    ctx->db.read([&](store::Connection& c) {
      for (const auto& m : store::outbox::list(c, std::nullopt, 1000, 0).items)
        if (m.kind == kind && m.to_email == address) out.insert(out.begin(), boost::json::parse(m.vars_json).as_object());
    });
    return out;
  }
  // The one-time token of the latest `kind` mail to `address` (the part after "#token=" of `url_var`).
  std::string mailed_token(const std::string& kind, const std::string& address, const char* url_var) {
    const auto mails = mailed(kind, address);
    if (mails.empty()) {
      ADD_FAILURE() << "no " << kind << " mail to " << address;
      return "";
    }
    const std::string url(mails.back().at(url_var).as_string());
    const auto at = url.find("#token=");
    EXPECT_NE(at, std::string::npos) << url;
    return at == std::string::npos ? "" : url.substr(at + 7);
  }
  // Follows the verification link mailed to `address`, as its owner would.
  void verify_email(const std::string& address) {
    auto r = client->post_json("/api/auth/verify-email", {{"token", mailed_token("verify_email", address, "verify_url")}});
    EXPECT_EQ(r.status, 200) << r.body;
  }
  static std::string str(const boost::json::value& v, const char* key) {
    return std::string(v.at(key).as_string());
  }

  std::unique_ptr<http::Server> server;
  unsigned short port = 0;
  std::unique_ptr<HttpClient> client;
  std::string admin_token;
};

}  // namespace gatepass::testing
