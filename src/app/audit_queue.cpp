#include "app/audit_queue.hpp"
#include "app/ops/metrics.hpp"

#include "app/audit.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "domain/time.hpp"
#include "store/scans_repo.hpp"

namespace gatepass::app {

AuditQueue::AuditQueue(store::Database& db) : db_(db), thread_([this] { loop(); }) {}

AuditQueue::~AuditQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

namespace {
// What makes two queued scan rows the same row: where, by which device, of which type and result.
std::string scan_key(const Scan& s) {
  return '\n' + s.type + '\n' + s.result + '\n' + s.gate.value_or("") + '\n' + s.device_id.value_or("") + '\n' +
         (s.ticket_id ? std::to_string(*s.ticket_id) : s.code.value_or(""));
}
}  // namespace

void AuditQueue::enqueue(const Actor& actor, const AuditRecord& record, Millis now, const std::optional<Scan>& scan,
                         bool write_scan) {
  std::string key = actor.id ? std::to_string(*actor.id) : actor.name;
  key += '\n' + record.action + '\n' + record.entity_type + '\n' + record.entity_id.value_or("") + '\n' +
         (record.event_id ? std::to_string(*record.event_id) : "") + '\n' + boost::json::serialize(record.details);
  if (scan) key += scan_key(*scan);
  add(std::move(key), Pending{actor, record, write_scan ? scan : std::nullopt, now, now, 1}, now);
}

void AuditQueue::enqueue_scan(const Actor& actor, const Scan& scan, Millis now) {
  std::string key = "scan only\n" + (actor.id ? std::to_string(*actor.id) : actor.name) + scan_key(scan);
  add(std::move(key), Pending{actor, {}, scan, now, now, 1, false}, now);
}

void AuditQueue::add(std::string key, Pending p, Millis now) {
  {
    std::lock_guard lock(mutex_);
    ++enqueued_seq_;
    latest_ = std::max(latest_, now);
    auto it = pending_.find(key);
    if (it != pending_.end()) {
      ++it->second.count;
      it->second.last_at = std::max(it->second.last_at, now);
    } else if (pending_.size() < kMaxPending) {
      pending_.emplace(std::move(key), std::move(p));
    } else {
      ++dropped_;
      metrics::registry().audit_dropped.inc();
    }
    metrics::registry().audit_queue_depth.store(static_cast<std::int64_t>(pending_.size()), std::memory_order_relaxed);
  }
  wake_.notify_one();
}

void AuditQueue::flush() {
  std::unique_lock lock(mutex_);
  const auto target = enqueued_seq_;
  wake_.notify_one();
  written_.wait(lock, [&] { return written_seq_ >= target; });
}

void AuditQueue::loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !pending_.empty() || dropped_ > 0; });
    if (pending_.empty() && dropped_ == 0) {
      if (stopping_) return;
      continue;
    }
    auto batch = std::move(pending_);
    pending_.clear();
    metrics::registry().audit_queue_depth.store(0, std::memory_order_relaxed);
    const auto dropped = std::exchange(dropped_, 0);
    const auto dropped_at = latest_;
    const auto upto = enqueued_seq_;
    lock.unlock();
    write_batch(batch, dropped, dropped_at);
    lock.lock();
    written_seq_ = upto;
    written_.notify_all();
  }
}

void AuditQueue::write_batch(std::map<std::string, Pending>& batch, std::int64_t dropped, Millis dropped_at) {
  // A failing database (e.g. PostgreSQL restarting) gets a few tries; after that the rows are
  // logged to stderr rather than kept without bound.
  for (int attempt = 1;; ++attempt) {
    try {
      db_.write([&](store::Connection& c) {
        for (auto& [key, p] : batch) {
          if (p.audited) {
            AuditRecord rec = p.record;
            rec.details["count"] = p.count;
            if (p.count > 1) {
              rec.details["first_at"] = format_iso8601(p.first_at);
              rec.details["last_at"] = format_iso8601(p.last_at);
            }
            record_audit(c, p.actor, rec, p.first_at);
          }
          if (p.scan) {
            Scan s = *p.scan;
            if (p.count > 1) s.note = "seen " + std::to_string(p.count) + " times until " + format_iso8601(p.last_at);
            store::scans::insert(c, s);
          }
        }
        if (dropped > 0) {
          AuditRecord rec{"audit.dropped", "audit", std::nullopt, std::nullopt, {}};
          rec.details["count"] = dropped;
          rec.details["reason"] = "more than " + std::to_string(kMaxPending) + " distinct rows waiting";
          record_audit(c, Actor::system(), rec, dropped_at);
        }
      });
      return;
    } catch (const std::exception& e) {
      if (attempt >= 5) {
        spdlog::error("audit: {} queued row(s) could not be written: {}", batch.size(), e.what());
        for (const auto& [key, p] : batch) spdlog::error("audit row lost: {}", key);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
    }
  }
}

}  // namespace gatepass::app
