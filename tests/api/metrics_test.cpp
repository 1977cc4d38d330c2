// GET /metrics and the access log (issue 22), as an operator uses them: scraped from a running
// server, checked as Prometheus text (promtool when installed, else our strict reader), and one
// check-in moving exactly the counters it should.
#include <spdlog/sinks/ostream_sink.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "domain/time.hpp"
#include "support/api_fixture.hpp"
#include "support/raw_socket.hpp"
#include "support/prometheus_check.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

namespace {
const std::string kToken = "metrics-token-3f9a1c7e52b8d046";

std::string problems_of(const PromText& t) {
  std::string out;
  for (const auto& p : t.problems) out += p + "\n";
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}
}  // namespace

class Metrics : public ApiFixture {
 protected:
  // A scan at gate North through `c`; returns the answer.
  HttpResult scan(HttpClient& c, std::int64_t event_id, const std::string& payload, const std::string& token,
                  const std::map<std::string, std::string>& headers = {}) {
    std::map<std::string, std::string> h = headers;
    h["Authorization"] = "Bearer " + token;
    return c.request("POST", "/api/mark-used/" + url_encode(payload) + "?event_id=" + std::to_string(event_id) + "&gate=North",
                     "", h);
  }
};

TEST_P(Metrics, TheRouteDoesNotExistWithoutTheTokenSetting) {
  EXPECT_EQ(client->get("/metrics").status, 404);
  EXPECT_EQ(client->get("/metrics", kToken).status, 404) << "no token is right when none is set";
}

TEST_P(Metrics, TheTokenGuardsTheRouteAndTheTextIsValidPrometheus) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p, [](http::ServerOptions& o) { o.metrics_token = kToken; });
  HttpClient c(p);
  EXPECT_EQ(c.get("/metrics").status, 401);
  EXPECT_EQ(c.get("/metrics", "wrong-token-0000000000000000").status, 401);
  EXPECT_EQ(c.get("/metrics", kToken + "x").status, 401);
  EXPECT_EQ(c.get("/metrics", kToken.substr(1)).status, 401);
  EXPECT_EQ(c.request("GET", "/metrics", "", {{"Authorization", "Basic " + kToken}}).status, 401);
  EXPECT_EQ(c.request("POST", "/metrics", "", {{"Authorization", "Bearer " + kToken}}).status, 405);

  // Something in every family worth reading: a request, a write, a scan.
  const auto ev = create_event_http({{"name", "Scraped"}});
  const auto ticket = issued_ticket(ev);
  ASSERT_EQ(scan(c, ev, str(ticket, "qr_payload"), admin_token).status, 200);

  auto r = c.get("/metrics", kToken);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.headers["content-type"].starts_with("text/plain; version=0.0.4")) << r.headers["content-type"];
  const auto text = check_prometheus_text(r.body);
  EXPECT_TRUE(text.problems.empty()) << problems_of(text) << r.body;
  const std::string db = GetParam() == "sqlite" ? "sqlite" : "postgresql";
  EXPECT_EQ(text.value("gatepass_build_info", {{"version", GATEPASS_VERSION}, {"database", db}}), 1.0) << r.body;
  for (const char* family : {"gatepass_http_requests_total", "gatepass_http_request_duration_seconds",
                             "gatepass_checkins_total", "gatepass_offline_uploads_total", "gatepass_db_transaction_seconds",
                             "gatepass_db_commit_seconds", "gatepass_db_commit_batch_size", "gatepass_audit_queue_depth",
                             "gatepass_audit_queue_dropped_total", "gatepass_live_streams_open", "gatepass_jobs_running",
                             "gatepass_outbox_messages", "gatepass_outbox_oldest_queued_age_seconds",
                             "gatepass_outbox_delivery_failures_total"})
    EXPECT_TRUE(text.types.contains(family)) << family;
  EXPECT_EQ(text.types.contains("gatepass_db_pool_in_use"), GetParam() != "sqlite");
  EXPECT_GE(text.value("gatepass_db_commit_batch_size_count").value_or(0), 1.0) << "writes were committed";
  EXPECT_GE(text.value("gatepass_outbox_messages", {{"status", "queued"}}).value_or(0), 1.0)
      << "registration mail waits (no sender runs here)";
  EXPECT_EQ(r.body.find(str(ticket, "qr_payload")), std::string::npos);

  // promtool, when installed (Debian `prometheus`), has the last word on the format.
  if (std::system("command -v promtool >/dev/null 2>&1") == 0) {
    const auto file = data_dir + "/scrape.txt";
    std::ofstream(file) << r.body;
    EXPECT_EQ(std::system(("promtool check metrics < " + file).c_str()), 0) << r.body;
  }
}

TEST_P(Metrics, OneCheckInMovesItsCountersByExactlyOne) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p, [](http::ServerOptions& o) { o.metrics_listen = std::pair<std::string, unsigned short>{"127.0.0.1", 0}; });
  ASSERT_NE(s->metrics_port(), 0);
  HttpClient m(s->metrics_port());
  HttpClient c(p);
  EXPECT_EQ(c.get("/metrics").status, 404) << "the main port still needs the token setting";
  EXPECT_EQ(m.get("/api/health").status, 404) << "the metrics port serves only /metrics";

  const auto ev = create_event_http({{"name", "Counted"}});
  const auto ticket = issued_ticket(ev);
  const auto scanner = token_for_new_user("gate-m", "scanner");
  const std::map<std::string, std::string> admitted{{"event", std::to_string(ev)}, {"gate", "North"}, {"result", "admitted"}};
  const std::map<std::string, std::string> mark_used{{"route", "/api/mark-used/{code}"}, {"method", "POST"}};

  auto before_r = m.get("/metrics");
  ASSERT_EQ(before_r.status, 200);
  const auto before = check_prometheus_text(before_r.body);
  ASSERT_TRUE(before.problems.empty()) << problems_of(before);

  ASSERT_EQ(scan(c, ev, str(ticket, "qr_payload"), scanner).status, 200);

  const auto after_r = m.get("/metrics");
  const auto after = check_prometheus_text(after_r.body);
  ASSERT_TRUE(after.problems.empty()) << problems_of(after);
  EXPECT_EQ(after.value("gatepass_checkins_total", admitted).value_or(0) - before.value("gatepass_checkins_total", admitted).value_or(0), 1.0)
      << after_r.body;
  EXPECT_EQ(after.sum("gatepass_checkins_total") - before.sum("gatepass_checkins_total"), 1.0) << "and no other result";
  auto with_status = mark_used;
  with_status["status"] = "200";
  EXPECT_EQ(after.value("gatepass_http_requests_total", with_status).value_or(0) -
                before.value("gatepass_http_requests_total", with_status).value_or(0),
            1.0);
  EXPECT_EQ(after.value("gatepass_http_request_duration_seconds_count", mark_used).value_or(0) -
                before.value("gatepass_http_request_duration_seconds_count", mark_used).value_or(0),
            1.0);

  // The same code again: already used, counted under its own result, not as an admission.
  EXPECT_EQ(scan(c, ev, str(ticket, "qr_payload"), scanner).status, 409);
  const auto again = check_prometheus_text(m.get("/metrics").body);
  EXPECT_EQ(again.value("gatepass_checkins_total", admitted), after.value("gatepass_checkins_total", admitted));
  EXPECT_EQ(again.value("gatepass_checkins_total", {{"event", std::to_string(ev)}, {"gate", "North"}, {"result", "already_used"}})
                .value_or(0) -
                after.value("gatepass_checkins_total", {{"event", std::to_string(ev)}, {"gate", "North"}, {"result", "already_used"}})
                    .value_or(0),
            1.0);
  // Route templates only: no series names a concrete path.
  for (const auto& [series, _] : again.values) EXPECT_EQ(series.find("GP1"), std::string::npos) << series;
}

TEST_P(Metrics, AccessLogLinesNameTheRouteTemplateAndNeverTheCode) {
  const auto ev = create_event_http({{"name", "Logged"}});
  const auto t1 = issued_ticket(ev);
  const auto t2 = issued_ticket(ev);
  const auto scanner = token_for_new_user("gate-l", "scanner");
  for (const auto format : {http::AccessLog::json, http::AccessLog::text}) {
    const bool as_json = format == http::AccessLog::json;
    const auto payload = str(as_json ? t1 : t2, "qr_payload");
    const std::string id = as_json ? "trace-json-1" : "trace-text-1";
    std::ostringstream log;  // outlives the server, whose writer thread fills it
    {
      unsigned short p = 0;
      auto s = start_server(*ctx, p, [&](http::ServerOptions& o) {
        o.access_log = format;
        o.access_log_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
      });
      HttpClient c(p);
      ASSERT_EQ(scan(c, ev, payload, scanner, {{"X-Request-Id", id}}).status, 200);
      EXPECT_EQ(c.get("/api/health").status, 200);
      c.get("/t/some-ticket-link-token-abcdef");  // a ticket-link page: the web app's, its token in the path
    }  // stopped: the writer has drained its queue
    const auto lines = lines_of(log.str());
    ASSERT_EQ(lines.size(), 3u) << log.str();
    for (const auto& line : lines) {
      EXPECT_EQ(line.find(payload), std::string::npos) << "a QR payload in the log: " << line;
      EXPECT_EQ(line.find(url_encode(payload)), std::string::npos) << line;
      EXPECT_EQ(line.find(scanner), std::string::npos) << "a token in the log: " << line;
      EXPECT_EQ(line.find("some-ticket-link-token"), std::string::npos) << "a link token in the log: " << line;
    }
    if (as_json) {
      const auto j = json::parse(lines[0]).as_object();
      EXPECT_EQ(j.at("request_id").as_string(), id);
      EXPECT_EQ(j.at("method"), "POST");
      EXPECT_EQ(j.at("route"), "/api/mark-used/{code}");
      EXPECT_EQ(j.at("status"), 200);
      EXPECT_GT(j.at("bytes").as_int64(), 0);
      EXPECT_GE(j.at("duration_ms").to_number<double>(), 0.0);
      EXPECT_EQ(j.at("account"), "gate-l");
      EXPECT_TRUE(j.at("device").is_null());
      EXPECT_TRUE(std::regex_match(std::string(j.at("time").as_string()),
                                   std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
      const auto health = json::parse(lines[1]).as_object();
      EXPECT_EQ(health.at("route"), "/api/health");
      EXPECT_TRUE(health.at("account").is_null());
      EXPECT_EQ(json::parse(lines[2]).at("route"), "static");
    } else {
      EXPECT_TRUE(std::regex_match(
          lines[0], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z trace-text-1 POST /api/mark-used/\{code\} 200 )"
                               R"(\d+\.\d{3}ms [1-9]\d*B account=gate-l device=-)")))
          << lines[0];
      EXPECT_NE(lines[1].find(" GET /api/health 200 "), std::string::npos) << lines[1];
      EXPECT_NE(lines[2].find(" GET static "), std::string::npos) << lines[2];
    }
  }
}

// A scanner device's requests name the device; its pairing code and token never appear.
TEST_P(Metrics, AccessLogNamesTheDeviceButNotItsSecrets) {
  const auto ev = create_event_http({{"name", "Device gate"}});
  const auto payload = str(issued_ticket(ev), "qr_payload");
  std::ostringstream log;
  std::string pairing_code, device_token, device_id;
  {
    unsigned short p = 0;
    auto s = start_server(*ctx, p, [&](http::ServerOptions& o) {
      o.access_log = http::AccessLog::json;
      o.access_log_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
    });
    HttpClient c(p);
    auto made = c.post_json("/api/devices", {{"name", "North phone"}, {"event_ids", json::array{ev}}, {"gate", "North"}}, admin_token);
    ASSERT_EQ(made.status, 201) << made.body;
    pairing_code = str(made.json(), "pairing_code");
    auto enrolled = c.post_json("/api/devices/enroll", {{"pairing_code", pairing_code}, {"app_version", "metrics-test"}});
    ASSERT_EQ(enrolled.status, 200) << enrolled.body;
    device_token = str(enrolled.json(), "token");
    device_id = std::string(enrolled.json().at("device").at("device_id").as_string());
    auto scanned = c.request("POST", "/api/mark-used/" + url_encode(payload) + "?event_id=" + std::to_string(ev), "",
                             {{"Authorization", "Device " + device_token}});
    ASSERT_EQ(scanned.status, 200) << scanned.body;
  }
  const auto lines = lines_of(log.str());
  ASSERT_EQ(lines.size(), 3u) << log.str();
  for (const auto& line : lines)
    for (const auto& secret : {pairing_code, device_token, payload, admin_token})
      EXPECT_EQ(line.find(secret), std::string::npos) << "a secret in the log: " << line;
  const auto scan_line = json::parse(lines[2]).as_object();
  EXPECT_EQ(scan_line.at("route"), "/api/mark-used/{code}");
  EXPECT_EQ(scan_line.at("device").as_string(), device_id);
  EXPECT_EQ(scan_line.at("account").as_string(), "device:" + device_id);
  EXPECT_EQ(json::parse(lines[1]).at("route"), "/api/devices/enroll");
  EXPECT_TRUE(json::parse(lines[1]).at("device").is_null());
}

// Requests refused before they could be routed (malformed, headers too large) are answered, counted
// and logged too: "one line per request" holds for the requests an attack or a broken client sends.
TEST_P(Metrics, RequestsRefusedBeforeRoutingAreCountedAndLogged) {
  std::ostringstream log;
  double counted = 0;
  {
    unsigned short p = 0;
    auto s = start_server(*ctx, p, [&](http::ServerOptions& o) {
      o.metrics_listen = std::pair<std::string, unsigned short>{"127.0.0.1", 0};
      o.access_log = http::AccessLog::json;
      o.access_log_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log);
    });
    HttpClient m(s->metrics_port());
    const std::map<std::string, std::string> bad{{"route", "unparsed"}, {"method", "OTHER"}, {"status", "400"}};
    const auto before = check_prometheus_text(m.get("/metrics").body).value("gatepass_http_requests_total", bad).value_or(0);
    {
      RawSocket raw(p);
      ASSERT_TRUE(raw.send("GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n"));
      EXPECT_NE(raw.read(std::chrono::seconds(5)).find("400"), std::string::npos);
    }
    const auto after_r = m.get("/metrics");
    counted = check_prometheus_text(after_r.body).value("gatepass_http_requests_total", bad).value_or(0) - before;
  }
  EXPECT_EQ(counted, 1.0);
  std::vector<json::object> refused;  // the scrapes are logged too
  for (const auto& line : lines_of(log.str()))
    if (auto j = json::parse(line).as_object(); j.at("route") != "/metrics") refused.push_back(j);
  ASSERT_EQ(refused.size(), 1u) << log.str();
  const auto& j = refused[0];
  EXPECT_EQ(j.at("route"), "unparsed");
  EXPECT_EQ(j.at("status"), 400);
  EXPECT_EQ(j.at("method"), "OTHER");
}

// Offline uploads and their conflicts (issue 22): one upload of three scans made offline, one
// admission, one conflict (the ticket was admitted online meanwhile) and one unreadable code.
TEST_P(Metrics, AnOfflineUploadMovesTheUploadAndPerOutcomeCounters) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p, [](http::ServerOptions& o) { o.metrics_listen = std::pair<std::string, unsigned short>{"127.0.0.1", 0}; });
  HttpClient m(s->metrics_port());
  HttpClient c(p);
  const auto ev = create_event_http({{"name", "Offline counted"}});
  const auto fresh = issued_ticket(ev);
  const auto used_online = issued_ticket(ev);
  const auto scanner = token_for_new_user("gate-o", "scanner");
  ASSERT_EQ(scan(c, ev, str(used_online, "qr_payload"), scanner).status, 200);
  const auto before = check_prometheus_text(m.get("/metrics").body);

  const auto at = format_iso8601(ctx->now() - 60'000);
  json::array scans;
  int n = 0;
  for (const auto& code : {str(fresh, "qr_payload"), str(used_online, "qr_payload"), std::string("not-a-ticket-code")})
    scans.push_back({{"code", code}, {"nonce", "metrics-nonce-" + std::to_string(++n)}, {"scanned_at", at}, {"gate", "East"}});
  auto r = c.post_json("/api/scans/offline", {{"device_id", "phone-1"}, {"scans", scans}}, scanner);
  ASSERT_EQ(r.status, 200) << r.body;

  const auto after_r = m.get("/metrics");
  const auto after = check_prometheus_text(after_r.body);
  ASSERT_TRUE(after.problems.empty()) << problems_of(after);
  const auto delta = [&](const std::string& family, const std::map<std::string, std::string>& labels = {}) {
    return after.value(family, labels).value_or(0) - before.value(family, labels).value_or(0);
  };
  EXPECT_EQ(delta("gatepass_offline_uploads_total"), 1.0) << after_r.body;
  EXPECT_EQ(delta("gatepass_offline_scans_total", {{"outcome", "admitted"}}), 1.0) << after_r.body;
  EXPECT_EQ(delta("gatepass_offline_scans_total", {{"outcome", "conflict"}}), 1.0) << after_r.body;
  EXPECT_EQ(delta("gatepass_offline_scans_total", {{"outcome", "invalid"}}), 1.0) << after_r.body;
  EXPECT_EQ(after.sum("gatepass_offline_scans_total") - before.sum("gatepass_offline_scans_total"), 3.0);
}

INSTANTIATE_TEST_SUITE_P(Backends, Metrics, ::testing::ValuesIn(backends()), backend_name);

TEST_P(Metrics, TheBackgroundBacklogsAreVisibleAndDrain) {
  // Neither the audit sealer nor the search indexer runs in this fixture: what the writes leave
  // for them stays until a search (or a seal) takes it.
  unsigned short p = 0;
  auto s = start_server(*ctx, p, [](http::ServerOptions& o) { o.metrics_listen = std::pair<std::string, unsigned short>{"127.0.0.1", 0}; });
  HttpClient m(s->metrics_port());
  HttpClient c(p);
  const auto ev = create_event_http({{"name", "Backlog"}});
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(c.post_json("/api/register", {{"event_id", ev}, {"name", "Guest " + std::to_string(i)},
                                            {"email", "g" + std::to_string(i) + "@example.com"}})
                  .status,
              201);
  auto before = check_prometheus_text(m.get("/metrics").body);
  ASSERT_TRUE(before.problems.empty()) << problems_of(before);
  EXPECT_GT(before.value("gatepass_audit_unsealed_rows", {}).value_or(0), 0) << "creating the event was audited";
  const double waiting = before.value("gatepass_search_index_backlog", {}).value_or(-1);
  if (GetParam() == "sqlite") EXPECT_GE(waiting, 3);
  else EXPECT_EQ(waiting, 0) << "PostgreSQL keeps its indexes itself";
  ASSERT_EQ(c.get("/api/admin/registrations?q=guest", admin_token).status, 200);
  EXPECT_EQ(check_prometheus_text(m.get("/metrics").body).value("gatepass_search_index_backlog", {}), 0.0);
}
