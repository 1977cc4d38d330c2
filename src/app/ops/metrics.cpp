#include "app/ops/metrics.hpp"

#include <spdlog/spdlog.h>

#include <charconv>

#include "app/context.hpp"
#include "store/audit_chain_repo.hpp"
#include "store/outbox_repo.hpp"
#include "store/postgres/pg_database.hpp"
#include "store/search_index.hpp"

namespace gatepass::app::metrics {

Histogram::Histogram(std::span<const double> bounds) : n_(std::min(bounds.size(), kMaxBuckets)) {
  std::copy_n(bounds.begin(), n_, bounds_.begin());
}

void Histogram::observe(double v) {
  std::size_t i = 0;
  while (i < n_ && v > bounds_[i]) ++i;  // le: a value on a bound counts in that bucket
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  if (v > 0) sum_micro_.fetch_add(static_cast<std::uint64_t>(v * 1e6 + 0.5), std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<std::uint64_t> Histogram::buckets() const {
  std::vector<std::uint64_t> out(n_ + 1);
  for (std::size_t i = 0; i <= n_; ++i) out[i] = counts_[i].load(std::memory_order_relaxed);
  return out;
}

namespace {
template <std::size_t N>
std::function<std::unique_ptr<Histogram>()> histograms(const std::array<double, N>& bounds) {
  return [&bounds] { return std::make_unique<Histogram>(std::span<const double>(bounds)); };
}
std::function<std::unique_ptr<Counter>()> counters() {
  return [] { return std::make_unique<Counter>(); };
}

// "200" for 200, without allocating.
std::string_view status_text(int status, std::array<char, 8>& buf) {
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), status);
  return ec == std::errc() ? std::string_view(buf.data(), static_cast<std::size_t>(end - buf.data())) : "0";
}
}  // namespace

Registry::Registry()
    : http_requests("gatepass_http_requests_total", "HTTP requests answered, by route template, method and status",
                    {"route", "method", "status"}, {true, true, false}, counters()),
      http_duration("gatepass_http_request_duration_seconds",
                    "Time from a request's headers read to its answer ready to send, by route template and method",
                    {"route", "method"}, {true, true}, histograms(kLatencyBounds)),
      checkins("gatepass_checkins_total", "Gate scans recorded, by event id, gate and result",
               {"event", "gate", "result"}, {true, true, false}, counters()),
      offline_scans("gatepass_offline_scans_total", "Scans uploaded by offline scanners, by outcome", {"outcome"}, {false},
                    counters()),
      db_transaction(kLatencyBounds),
      db_commit(kLatencyBounds),
      db_batch(kBatchBounds) {}

Registry& registry() {
  static Registry* r = [] {
    auto* made = new Registry();  // never destroyed: threads may bump it while the process exits
    store::g_observer.store(made, std::memory_order_release);
    return made;
  }();
  return *r;
}

void Registry::request(std::string_view route, std::string_view method, int status, double seconds) {
  std::array<char, 8> buf{};
  http_requests.with({route, method, status_text(status, buf)}).inc();
  http_duration.with({route, method}).observe(seconds);
}

void Registry::checkin(std::optional<std::int64_t> event_id, const std::optional<std::string>& gate,
                       std::string_view result) {
  std::array<char, 24> buf{};
  std::string_view event = "none";
  if (event_id) {
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), *event_id);
    if (ec == std::errc()) event = std::string_view(buf.data(), static_cast<std::size_t>(end - buf.data()));
  }
  checkins.with({event, gate && !gate->empty() ? std::string_view(*gate) : std::string_view("none"), result}).inc();
}

void Registry::offline_upload(std::int64_t admitted, std::int64_t conflicts, std::int64_t invalid,
                              std::int64_t replayed) {
  offline_uploads.inc();
  const auto add = [&](std::string_view outcome, std::int64_t n) {
    if (n > 0) offline_scans.with({outcome}).inc(static_cast<std::uint64_t>(n));
  };
  add("admitted", admitted);
  add("conflict", conflicts);
  add("invalid", invalid);
  add("replayed", replayed);
}

void Registry::transaction(double seconds) { db_transaction.observe(seconds); }

void Registry::commit(std::size_t batch, double seconds) {
  db_commit.observe(seconds);
  db_batch.observe(static_cast<double>(batch));
}

namespace {
Sample histogram_sample(std::vector<std::string> labels, const Histogram& h) {
  Sample s;
  s.labels = std::move(labels);
  s.bounds.assign(h.bounds().begin(), h.bounds().end());
  s.buckets = h.buckets();
  s.sum = h.sum();
  s.count = h.count();
  return s;
}
Family counters_of(const Labelled<Counter>& f) {
  Family out{f.name(), f.help(), Type::counter, f.label_names(), {}};
  f.each([&](const std::vector<std::string>& labels, const Counter& c) {
    out.samples.push_back({labels, static_cast<double>(c.value.load(std::memory_order_relaxed))});
  });
  return out;
}
Family histograms_of(const Labelled<Histogram>& f) {
  Family out{f.name(), f.help(), Type::histogram, f.label_names(), {}};
  f.each([&](const std::vector<std::string>& labels, const Histogram& h) { out.samples.push_back(histogram_sample(labels, h)); });
  return out;
}
Family single(std::string name, std::string help, Type type, double value) {
  Family out{std::move(name), std::move(help), type, {}, {}};
  out.samples.push_back({{}, value});
  return out;
}
Family single_histogram(std::string name, std::string help, const Histogram& h) {
  Family out{std::move(name), std::move(help), Type::histogram, {}, {}};
  out.samples.push_back(histogram_sample({}, h));
  return out;
}
}  // namespace

std::vector<Family> Registry::snapshot() const {
  std::vector<Family> out;
  out.push_back(counters_of(http_requests));
  out.push_back(histograms_of(http_duration));
  out.push_back(counters_of(checkins));
  out.push_back(single("gatepass_offline_uploads_total", "Offline scan uploads accepted", Type::counter,
                       static_cast<double>(offline_uploads.value.load())));
  out.push_back(counters_of(offline_scans));
  out.push_back(single_histogram("gatepass_db_transaction_seconds",
                                 "Database writes from their start to their durable commit", db_transaction));
  out.push_back(single_histogram("gatepass_db_commit_seconds", "Time of one COMMIT (SQLite: one group commit)", db_commit));
  out.push_back(single_histogram("gatepass_db_commit_batch_size",
                                 "Writes made durable by one COMMIT (SQLite group commit; PostgreSQL: always 1)", db_batch));
  out.push_back(single("gatepass_audit_queue_depth", "Audit rows waiting to be written", Type::gauge,
                       static_cast<double>(audit_queue_depth.load())));
  out.push_back(single("gatepass_audit_queue_dropped_total", "Audit rows dropped because the queue was full",
                       Type::counter, static_cast<double>(audit_dropped.value.load())));
  out.push_back(single("gatepass_outbox_delivery_failures_total",
                       "Mail delivery attempts that failed (each is retried, or the message fails after the last)",
                       Type::counter, static_cast<double>(outbox_delivery_failures.value.load())));
  out.push_back(single("gatepass_live_streams_open", "Live attendance streams open", Type::gauge,
                       static_cast<double>(live_streams_open.load())));
  out.push_back(single("gatepass_jobs_running", "Background jobs running", Type::gauge,
                       static_cast<double>(jobs_running.load())));
  out.push_back(single("gatepass_jobs_queued", "Background jobs waiting to run", Type::gauge,
                       static_cast<double>(jobs_queued.load())));
  return out;
}

std::vector<Family> scrape(Context& ctx) {
  auto out = registry().snapshot();
  // Read now from the store: cheap aggregate queries, once per scrape.
  bool db_ok = true;
  store::outbox::Counts counts;
  std::optional<Millis> oldest;
  std::int64_t unsealed = 0, search_backlog = 0;
  try {
    ctx.db.read([&](store::Connection& c) {
      counts = store::outbox::counts(c);
      oldest = store::outbox::oldest_queued_at(c);
      unsealed = store::audit::count_unsealed(c).count;
      search_backlog = store::search_index::state(c).backlog();
    });
  } catch (const std::exception& e) {
    db_ok = false;
    spdlog::warn("metrics: reading the outbox failed: {}", e.what());
  }
  out.push_back(single("gatepass_scrape_database_ok", "Whether this scrape could read the database", Type::gauge,
                       db_ok ? 1 : 0));
  if (db_ok) {
    Family mail{"gatepass_outbox_messages", "Outbox messages by status (failed: gave up after the last attempt)",
                Type::gauge, {"status"}, {}};
    mail.samples.push_back({{"queued"}, static_cast<double>(counts.queued)});
    mail.samples.push_back({{"sending"}, static_cast<double>(counts.sending)});
    mail.samples.push_back({{"sent"}, static_cast<double>(counts.sent)});
    mail.samples.push_back({{"failed"}, static_cast<double>(counts.failed)});
    out.push_back(std::move(mail));
    const double age = oldest ? std::max<double>(0, static_cast<double>(ctx.now() - *oldest) / 1000.0) : 0;
    out.push_back(single("gatepass_outbox_oldest_queued_age_seconds",
                         "Age of the oldest message waiting to be sent (0 when none waits)", Type::gauge, age));
    // Both drain in the background within a second or two; a number that keeps growing means
    // the sealer or the indexer is failing (the log says why) or cannot keep up.
    out.push_back(single("gatepass_audit_unsealed_rows", "Audit rows not yet linked into the audit chain",
                         Type::gauge, static_cast<double>(unsealed)));
    out.push_back(single("gatepass_search_index_backlog",
                         "Rows not yet in the search index (SQLite; searches index them before reading)",
                         Type::gauge, static_cast<double>(search_backlog)));
  }
  if (auto* pg = dynamic_cast<store::PgDatabase*>(&ctx.db)) {
    const auto pool = pg->pool_stats();
    out.push_back(single("gatepass_db_pool_size", "PostgreSQL connections the pool may open", Type::gauge,
                         static_cast<double>(pool.size)));
    out.push_back(single("gatepass_db_pool_open", "PostgreSQL connections open", Type::gauge,
                         static_cast<double>(pool.open)));
    out.push_back(single("gatepass_db_pool_in_use", "PostgreSQL connections lent out", Type::gauge,
                         static_cast<double>(pool.in_use)));
    out.push_back(single("gatepass_db_pool_waiting", "Callers waiting for a PostgreSQL connection", Type::gauge,
                         static_cast<double>(pool.waiting)));
  }
  Family build{"gatepass_build_info", "Always 1; the labels say which build and database run", Type::gauge,
               {"version", "database"}, {}};
  build.samples.push_back({{GATEPASS_VERSION, std::string(ctx.db.name())}, 1});
  out.push_back(std::move(build));
  return out;
}

}  // namespace gatepass::app::metrics
