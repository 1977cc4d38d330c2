#pragma once
// The metrics registry (GET /metrics, issue 22): counters and histograms with labels that the app
// and http layers bump, plus gauges read at scrape time (scrape_metrics). src/http only renders
// the text format (http/metrics_text.hpp).
//
// Hot path: a series is found once (a shared lock and a hash lookup; callers on the hottest
// paths keep the pointer) and then bumped with relaxed atomic increments. No lock is ever held
// across I/O. Every family holds at most kMaxSeries label sets: beyond that, new label sets are
// folded into one whose high-cardinality labels read "other", so a stranger sending many distinct
// gate names cannot grow memory.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/observer.hpp"

namespace gatepass::app {

class Context;

namespace metrics {

inline constexpr std::size_t kMaxSeries = 1000;
inline constexpr std::string_view kOther = "other";

// A monotonically increasing count.
struct Counter {
  std::atomic<std::uint64_t> value{0};
  void inc(std::uint64_t n = 1) { value.fetch_add(n, std::memory_order_relaxed); }
};

// Fixed upper bounds (seconds or units), cumulative only when rendered.
class Histogram {
 public:
  static constexpr std::size_t kMaxBuckets = 16;
  explicit Histogram(std::span<const double> bounds);
  void observe(double v);
  std::span<const double> bounds() const { return {bounds_.data(), n_}; }
  // Per-bucket (not cumulative) counts; the last is +Inf.
  std::vector<std::uint64_t> buckets() const;
  double sum() const { return static_cast<double>(sum_micro_.load(std::memory_order_relaxed)) / 1e6; }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  std::array<double, kMaxBuckets> bounds_{};
  std::size_t n_ = 0;
  std::array<std::atomic<std::uint64_t>, kMaxBuckets + 1> counts_{};
  std::atomic<std::uint64_t> sum_micro_{0};  // sum in millionths: an integer atomic, no CAS loop
  std::atomic<std::uint64_t> count_{0};
};

inline constexpr std::array<double, 12> kLatencyBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
inline constexpr std::array<double, 10> kBatchBounds{1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

enum class Type { counter, gauge, histogram };

// What a scrape reads: one family, its samples with label values in label_names' order.
struct Sample {
  std::vector<std::string> labels;
  double value = 0;                                // counter, gauge
  std::vector<double> bounds;                      // histogram
  std::vector<std::uint64_t> buckets;              // histogram: per bucket, last is +Inf
  double sum = 0;
  std::uint64_t count = 0;
};
struct Family {
  std::string name, help;
  Type type = Type::counter;
  std::vector<std::string> label_names;
  std::vector<Sample> samples;
};

// A family of series of one type keyed by label values. `foldable[i]` says which labels become
// "other" once the family is full (a bounded label such as a result keeps its value).
template <class Series>
class Labelled {
 public:
  Labelled(std::string name, std::string help, std::vector<std::string> label_names, std::vector<bool> foldable,
           std::function<std::unique_ptr<Series>()> make)
      : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)),
        foldable_(std::move(foldable)), make_(std::move(make)) {}

  // The series for these label values (as many as label_names). Stable address for the
  // registry's lifetime: callers may keep it.
  Series& with(std::initializer_list<std::string_view> values) {
    thread_local std::string key;
    key.clear();
    for (auto v : values) key.append(v).push_back('\x1f');
    {
      std::shared_lock lock(mutex_);
      if (auto it = series_.find(key); it != series_.end()) return *it->second.series;
    }
    std::unique_lock lock(mutex_);
    if (auto it = series_.find(key); it != series_.end()) return *it->second.series;
    std::vector<std::string> labels(values.begin(), values.end());
    if (series_.size() >= kMaxSeries) {
      key.clear();
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i < foldable_.size() && foldable_[i]) labels[i] = std::string(kOther);
        key.append(labels[i]).push_back('\x1f');
      }
      if (auto it = series_.find(key); it != series_.end()) return *it->second.series;
    }
    auto& slot = series_[key];
    slot.labels = std::move(labels);
    slot.series = make_();
    return *slot.series;
  }
  std::size_t size() const {
    std::shared_lock lock(mutex_);
    return series_.size();
  }
  template <class F>
  void each(F&& f) const {
    std::shared_lock lock(mutex_);
    for (const auto& [_, s] : series_) f(s.labels, *s.series);
  }
  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

 private:
  struct Slot {
    std::vector<std::string> labels;
    std::unique_ptr<Series> series;
  };
  std::string name_, help_;
  std::vector<std::string> label_names_;
  std::vector<bool> foldable_;
  std::function<std::unique_ptr<Series>()> make_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Slot> series_;
};

class Registry : public store::DatabaseObserver {
 public:
  Registry();

  // HTTP (http/server.cpp): one call per answered request.
  void request(std::string_view route, std::string_view method, int status, double seconds);
  // Check-ins: one per scan row written (event "none" when unknown, gate "none" when unnamed).
  void checkin(std::optional<std::int64_t> event_id, const std::optional<std::string>& gate, std::string_view result);
  // Offline uploads: one per accepted upload, with its counts.
  void offline_upload(std::int64_t admitted, std::int64_t conflicts, std::int64_t invalid, std::int64_t replayed);

  // store::DatabaseObserver
  void transaction(double seconds) override;
  void commit(std::size_t batch, double seconds) override;

  std::vector<Family> snapshot() const;

  // Gauges kept by their owners (set or moved where they change; read at scrape time).
  std::atomic<std::int64_t> audit_queue_depth{0};
  Counter audit_dropped;
  Counter outbox_delivery_failures;  // SMTP attempts that failed (retried later, or given up after the last)
  std::atomic<std::int64_t> live_streams_open{0};
  std::atomic<std::int64_t> jobs_running{0};
  std::atomic<std::int64_t> jobs_queued{0};

  Labelled<Counter> http_requests;
  Labelled<Histogram> http_duration;
  Labelled<Counter> checkins;
  Counter offline_uploads;
  Labelled<Counter> offline_scans;
  Histogram db_transaction;
  Histogram db_commit;
  Histogram db_batch;
};

// The process's registry (like a Prometheus client's default registry): every Context of the
// process reports here. Installs itself as the store's DatabaseObserver on first use.
Registry& registry();

// Everything a scrape shows: the registry's series, then gauges read now (outbox, audit queue,
// live streams, jobs, database pool, build info). Database trouble is reported as
// gatepass_scrape_database_ok 0 rather than failing the scrape.
std::vector<Family> scrape(Context& ctx);

}  // namespace metrics
}  // namespace gatepass::app
