#pragma once
// Live attendance (docs/gate-operations.md, "Live stream"). One background thread keeps a
// snapshot of each watched event: it recomputes an event when told it changed (at most every
// kMinIntervalMs, so a rush of check-ins costs 4 reads a second, not one per check-in) and every
// kRefreshMs anyway (a safety net for a change nobody announced). Streams only read snapshots
// from memory, so a thousand open dashboards cost no database work.
//
// Changes are announced by changed(), after the commit. With PostgreSQL the thread also relays
// them to every other instance (store::ChangeFeed, LISTEN/NOTIFY) and takes theirs.
// The thread starts on first use: CLI commands that never stream or scan never start it.
#include <optional>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "domain/model.hpp"
#include "store/attendance_repo.hpp"
#include "store/db.hpp"

namespace gatepass::app {

struct LiveSnapshot {
  std::uint64_t version = 0;   // grows when what a stream would send changed
  Id event_id = 0;
  Id newest_scan_id = 0;       // the stream's message id (0: no scans yet)
  store::attendance::Counts counts;
  std::vector<Scan> last_scans;  // newest first
  Millis at = 0;
};

class LiveHub {
 public:
  static constexpr int kMinIntervalMs = 250;
  static constexpr int kRefreshMs = 5000;
  static constexpr std::int64_t kLastScans = 10;

  explicit LiveHub(store::Database& db);
  ~LiveHub();
  LiveHub(const LiveHub&) = delete;
  LiveHub& operator=(const LiveHub&) = delete;

  // Something about `event_id` changed and is committed. No I/O; safe from any thread.
  void changed(Id event_id);

  // While a Watch lives its event is kept current. The first snapshot is computed before
  // watch() returns (on the caller's thread), so a new stream starts with current counts.
  class Watch {
   public:
    Watch(LiveHub& hub, Id event_id, std::optional<Id> account) : hub_(hub), event_id_(event_id), account_(account) {}
    ~Watch();
    std::shared_ptr<const LiveSnapshot> latest() const;
    Id event_id() const { return event_id_; }

   private:
    LiveHub& hub_;
    Id event_id_;
    std::optional<Id> account_;
  };
  // An open stream holds a connection and a thread's attention until the client leaves: one
  // account gets at most kStreamsPerAccount at once (429 too_many_requests beyond).
  static constexpr int kStreamsPerAccount = 4;
  std::shared_ptr<Watch> watch(Id event_id, std::optional<Id> account = std::nullopt);

 private:
  struct Entry {
    int watchers = 0;
    bool dirty = false;
    std::chrono::steady_clock::time_point computed_at{};
    std::shared_ptr<const LiveSnapshot> snapshot;
  };
  void ensure_started();
  void loop();
  void compute(Id event_id);

  store::Database& db_;
  std::mutex compute_mutex_;
  std::mutex mutex_;
  std::map<Id, Entry> entries_;   // watched events
  std::map<Id, int> streams_of_account_;
  std::set<Id> outbound_;         // changes to announce to other instances
  bool stopping_ = false;
  bool started_ = false;
  std::thread thread_;
};

}  // namespace gatepass::app
