#pragma once
// Audit rows that must not hold up the request that causes them: rejected scans on the gate's
// read path, throttled logins. A request only enqueues (no I/O); one background thread writes
// everything queued so far in one durable transaction, then the next batch. Identical rows from
// one account that arrive before their batch is written (a phone re-reading the same bad code
// ten times a second) are coalesced into one row with `count`, `first_at` and `last_at`.
//
// Bounded: at most kMaxPending distinct rows wait; beyond that rows are counted, not kept, and
// the count is written as one `audit.dropped` row. Everything queued is written before the
// queue is destroyed (graceful stop).
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "app/audit_record.hpp"
#include "store/db.hpp"

namespace gatepass::app {

class AuditQueue {
 public:
  static constexpr std::size_t kMaxPending = 10'000;

  explicit AuditQueue(store::Database& db);
  ~AuditQueue();
  AuditQueue(const AuditQueue&) = delete;
  AuditQueue& operator=(const AuditQueue&) = delete;

  // With `scan`, the refused gate scan is written too (one row per coalesced group; its note
  // says how often it was seen).
  // `write_scan` false: the scan names the row for coalescing, but its row was written already
  // (a repeat at verify within gate::RefusalLog's window): only the audit row is written.
  void enqueue(const Actor& actor, const AuditRecord& record, Millis now, const std::optional<Scan>& scan = std::nullopt,
               bool write_scan = true);
  // A refused gate scan without an audit row (an already-used ticket shown at verify).
  void enqueue_scan(const Actor& actor, const Scan& scan, Millis now);
  // Blocks until everything enqueued before the call is durably written (tests, shutdown).
  void flush();

 private:
  struct Pending {
    Actor actor;
    AuditRecord record;
    std::optional<Scan> scan;
    Millis first_at = 0;
    Millis last_at = 0;
    std::int64_t count = 0;
    bool audited = true;  // false: only the scan row is written
  };
  void add(std::string key, Pending p, Millis now);
  void loop();
  void write_batch(std::map<std::string, Pending>& batch, std::int64_t dropped, Millis dropped_at);

  store::Database& db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable written_;
  std::map<std::string, Pending> pending_;  // key: actor + row content, for coalescing
  std::int64_t dropped_ = 0;
  Millis latest_ = 0;  // newest enqueue time: the time of an `audit.dropped` row
  std::uint64_t enqueued_seq_ = 0;  // rows accepted so far
  std::uint64_t written_seq_ = 0;   // rows whose batch has been written (or failed for good)
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gatepass::app
