#include "app/live_hub.hpp"
#include "app/ops/metrics.hpp"

#include <spdlog/spdlog.h>

#include "app/context.hpp"
#include "domain/error.hpp"
#include "store/scans_repo.hpp"

namespace gatepass::app {

namespace {
// Two snapshots that would send the same message.
bool same_message(const LiveSnapshot& a, const LiveSnapshot& b) {
  const auto& x = a.counts;
  const auto& y = b.counts;
  if (a.newest_scan_id != b.newest_scan_id || x.issued != y.issued || x.sold != y.sold || x.admitted != y.admitted ||
      x.inside != y.inside || x.per_gate.size() != y.per_gate.size())
    return false;
  for (std::size_t i = 0; i < x.per_gate.size(); ++i) {
    const auto &g = x.per_gate[i], &h = y.per_gate[i];
    if (g.gate != h.gate || g.entries != h.entries || g.exits != h.exits || g.inside != h.inside) return false;
  }
  return true;
}
}  // namespace

LiveHub::LiveHub(store::Database& db) : db_(db) {}

LiveHub::~LiveHub() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void LiveHub::ensure_started() {
  // Called with mutex_ held.
  if (started_ || stopping_) return;
  started_ = true;
  thread_ = std::thread([this] { loop(); });
}

void LiveHub::changed(Id event_id) {
  std::lock_guard lock(mutex_);
  ensure_started();
  if (auto it = entries_.find(event_id); it != entries_.end()) it->second.dirty = true;
  if (db_.dialect() == store::Dialect::postgres) outbound_.insert(event_id);
}

std::shared_ptr<LiveHub::Watch> LiveHub::watch(Id event_id, std::optional<Id> account) {
  bool current = false;
  {
    std::lock_guard lock(mutex_);
    if (account) {
      auto& open = streams_of_account_[*account];
      if (open >= kStreamsPerAccount)
        throw Error(ErrorCode::too_many_requests, "At most " + std::to_string(kStreamsPerAccount) +
                                                      " live streams per account at once; close one (another tab or phone)")
            .retry_after_ms(10'000);
      ++open;
    }
    ensure_started();
    auto& e = entries_[event_id];
    ++e.watchers;
    current = e.snapshot && !e.dirty;
  }
  auto w = std::make_shared<Watch>(*this, event_id, account);
  metrics::registry().live_streams_open.fetch_add(1, std::memory_order_relaxed);
  // A new stream starts from the counts as they are now, not as they were up to 250 ms ago.
  if (!current) compute(event_id);
  return w;
}

LiveHub::Watch::~Watch() {
  metrics::registry().live_streams_open.fetch_sub(1, std::memory_order_relaxed);
  std::lock_guard lock(hub_.mutex_);
  if (account_) {
    auto open = hub_.streams_of_account_.find(*account_);
    if (open != hub_.streams_of_account_.end() && --open->second <= 0) hub_.streams_of_account_.erase(open);
  }
  auto it = hub_.entries_.find(event_id_);
  if (it != hub_.entries_.end() && --it->second.watchers <= 0) hub_.entries_.erase(it);
}

std::shared_ptr<const LiveSnapshot> LiveHub::Watch::latest() const {
  std::lock_guard lock(hub_.mutex_);
  auto it = hub_.entries_.find(event_id_);
  return it == hub_.entries_.end() ? nullptr : it->second.snapshot;
}

void LiveHub::compute(Id event_id) {
  // One computation at a time: a slower, older read must not replace a newer snapshot.
  std::lock_guard computing(compute_mutex_);
  auto next = std::make_shared<LiveSnapshot>();
  next->event_id = event_id;
  next->at = system_now_ms();
  try {
    db_.read([&](store::Connection& c) {
      next->counts = store::attendance::counts(c, event_id);
      store::scans::Filter f;
      f.event_id = event_id;
      next->last_scans = store::scans::list(c, f, kLastScans);
    });
  } catch (const std::exception& e) {
    spdlog::warn("live counts of event {}: {}", event_id, e.what());
    return;  // keep the previous snapshot; the next change or refresh tries again
  }
  next->newest_scan_id = next->last_scans.empty() ? 0 : next->last_scans.front().id;
  std::lock_guard lock(mutex_);
  auto it = entries_.find(event_id);
  if (it == entries_.end()) return;  // nobody watches any more
  auto& e = it->second;
  e.computed_at = std::chrono::steady_clock::now();
  if (e.snapshot && same_message(*e.snapshot, *next)) return;
  next->version = e.snapshot ? e.snapshot->version + 1 : 1;
  e.snapshot = std::move(next);
}

void LiveHub::loop() {
  std::unique_ptr<store::ChangeFeed> feed;
  try {
    feed = db_.open_change_feed();
  } catch (const std::exception& e) {
    spdlog::warn("live updates from other instances are off: {}", e.what());
  }
  using clock = std::chrono::steady_clock;
  for (;;) {
    std::vector<Id> announce;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      announce.assign(outbound_.begin(), outbound_.end());
      outbound_.clear();
    }
    std::vector<Id> heard;
    if (feed) {
      try {
        feed->publish(announce);
        heard = feed->wait(50);
      } catch (const std::exception& e) {
        spdlog::warn("live change feed: {}", e.what());
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::vector<Id> due;
    {
      std::lock_guard lock(mutex_);
      for (auto id : heard)
        if (auto it = entries_.find(id); it != entries_.end()) it->second.dirty = true;
      const auto now = clock::now();
      for (auto& [id, e] : entries_) {
        const auto since = now - e.computed_at;
        if ((e.dirty && since >= std::chrono::milliseconds(kMinIntervalMs)) || since >= std::chrono::milliseconds(kRefreshMs)) {
          e.dirty = false;
          due.push_back(id);
        }
      }
    }
    for (auto id : due) compute(id);
  }
}

}  // namespace gatepass::app
