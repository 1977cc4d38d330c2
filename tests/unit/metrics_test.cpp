// The metrics registry and its text format (issue 22): label cardinality is capped, histograms
// are cumulative in the text, label values are escaped.
#include <gtest/gtest.h>

#include <thread>

#include "app/ops/metrics.hpp"
#include "http/metrics_text.hpp"
#include "support/prometheus_check.hpp"

using namespace gatepass;
using namespace gatepass::app::metrics;
using gatepass::testing::check_prometheus_text;

namespace {
std::string problems_of(const gatepass::testing::PromText& t) {
  std::string out;
  for (const auto& p : t.problems) out += p + "\n";
  return out;
}
}  // namespace

TEST(MetricsRegistry, ManyDistinctGatesFoldIntoOtherAndMemoryStaysBounded) {
  Registry r;
  for (int i = 0; i < 3000; ++i) r.checkin(7, "gate-" + std::to_string(i), "admitted");
  for (int i = 0; i < 50; ++i) r.checkin(7, "stranger-" + std::to_string(i), "already_used");
  EXPECT_LE(r.checkins.size(), kMaxSeries + 2) << "at most the cap plus one folded series per result";
  const auto text = check_prometheus_text(http::render_metrics(r.snapshot()));
  ASSERT_TRUE(text.problems.empty()) << problems_of(text);
  EXPECT_EQ(text.sum("gatepass_checkins_total"), 3050.0) << "nothing is lost, only folded";
  EXPECT_EQ(text.value("gatepass_checkins_total", {{"event", "other"}, {"gate", "other"}, {"result", "admitted"}}), 2000.0);
  EXPECT_EQ(text.value("gatepass_checkins_total", {{"event", "other"}, {"gate", "other"}, {"result", "already_used"}}), 50.0)
      << "the bounded label keeps its value";
  EXPECT_EQ(text.value("gatepass_checkins_total", {{"event", "7"}, {"gate", "gate-0"}, {"result", "admitted"}}), 1.0);
  // A gate seen before the cap keeps counting under its own name.
  r.checkin(7, "gate-5", "admitted");
  EXPECT_EQ(check_prometheus_text(http::render_metrics(r.snapshot()))
                .value("gatepass_checkins_total", {{"event", "7"}, {"gate", "gate-5"}, {"result", "admitted"}}),
            2.0);
}

TEST(MetricsRegistry, RoutesAndMethodsAreCappedToo) {
  Registry r;
  for (int i = 0; i < 2500; ++i) r.request("/api/x/" + std::to_string(i), "GET", 200, 0.001);
  EXPECT_LE(r.http_requests.size(), kMaxSeries + 1);
  EXPECT_LE(r.http_duration.size(), kMaxSeries + 1);
  const auto text = check_prometheus_text(http::render_metrics(r.snapshot()));
  ASSERT_TRUE(text.problems.empty()) << problems_of(text);
  EXPECT_EQ(text.sum("gatepass_http_requests_total"), 2500.0);
  EXPECT_EQ(text.value("gatepass_http_request_duration_seconds_count", {{"route", "other"}, {"method", "other"}}), 1500.0);
}

TEST(MetricsRegistry, HistogramBucketsAreCumulativeWithBoundsInclusive) {
  Registry r;
  r.request("/api/a", "GET", 200, 0.001);   // exactly on a bound: counts in le="0.001"
  r.request("/api/a", "GET", 200, 0.003);   // <= 0.005
  r.request("/api/a", "GET", 500, 10.0);    // beyond every bound: only +Inf
  const auto text = check_prometheus_text(http::render_metrics(r.snapshot()));
  ASSERT_TRUE(text.problems.empty()) << problems_of(text);
  const auto at = [&](const char* le) {
    return text.value("gatepass_http_request_duration_seconds_bucket", {{"route", "/api/a"}, {"method", "GET"}, {"le", le}});
  };
  EXPECT_EQ(at("0.0005"), 0.0);
  EXPECT_EQ(at("0.001"), 1.0);
  EXPECT_EQ(at("0.0025"), 1.0);
  EXPECT_EQ(at("0.005"), 2.0);
  EXPECT_EQ(at("2.5"), 2.0);
  EXPECT_EQ(at("+Inf"), 3.0);
  EXPECT_NEAR(*text.value("gatepass_http_request_duration_seconds_sum", {{"route", "/api/a"}, {"method", "GET"}}), 10.004, 1e-6);
  EXPECT_EQ(text.value("gatepass_http_requests_total", {{"route", "/api/a"}, {"method", "GET"}, {"status", "500"}}), 1.0);
}

TEST(MetricsRegistry, LabelValuesAreEscaped) {
  Registry r;
  const std::string gate = "Hall \"B\" \\ east\nside";
  r.checkin(std::nullopt, gate, "admitted");
  r.checkin(3, std::nullopt, "invalid");
  const auto body = http::render_metrics(r.snapshot());
  const auto text = check_prometheus_text(body);
  ASSERT_TRUE(text.problems.empty()) << problems_of(text) << body;
  EXPECT_EQ(text.value("gatepass_checkins_total", {{"event", "none"}, {"gate", gate}, {"result", "admitted"}}), 1.0) << body;
  EXPECT_EQ(text.value("gatepass_checkins_total", {{"event", "3"}, {"gate", "none"}, {"result", "invalid"}}), 1.0) << body;
}

TEST(MetricsRegistry, ConcurrentBumpsAreAllCounted) {
  Registry r;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&r] {
      for (int i = 0; i < 20'000; ++i) r.request("/api/mark-used/{code}", "POST", 200, 0.0001);
    });
  for (auto& t : threads) t.join();
  const auto text = check_prometheus_text(http::render_metrics(r.snapshot()));
  EXPECT_EQ(text.value("gatepass_http_requests_total", {{"route", "/api/mark-used/{code}"}, {"method", "POST"}, {"status", "200"}}),
            80'000.0);
}

TEST(MetricsText, TheStrictReaderRejectsBrokenText) {
  using gatepass::testing::check_prometheus_text;
  EXPECT_FALSE(check_prometheus_text("x_total 1\n").problems.empty()) << "no TYPE";
  EXPECT_FALSE(check_prometheus_text("# TYPE x_total counter\nx_total{a=\"1\"} 1\nx_total{a=\"1\"} 2\n").problems.empty())
      << "a series twice";
  EXPECT_FALSE(check_prometheus_text("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n")
                   .problems.empty())
      << "not cumulative";
  EXPECT_FALSE(check_prometheus_text("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n").problems.empty())
      << "no +Inf";
  EXPECT_FALSE(check_prometheus_text("# TYPE g gauge\ng{a=\"x\\q\"} 1\n").problems.empty()) << "bad escape";
  EXPECT_TRUE(check_prometheus_text("# HELP g A gauge\n# TYPE g gauge\ng{a=\"x\\\"y\"} 1.5\n").problems.empty());
}
