#include "app/ticket_numbers.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <utility>

#include <spdlog/spdlog.h>

#include "store/commit_wait.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app {

namespace {
// A lease settles within one approval's transaction; waiting longer means something is stuck.
constexpr auto kMaxWait = std::chrono::seconds(10);
}  // namespace

std::optional<std::int64_t> TicketNumbers::take(store::Database& db, Id event_id) {
  std::unique_lock lock(mutex_);
  const auto give_up_at = std::chrono::steady_clock::now() + kMaxWait;
  for (;;) {
    auto& ev = events_[event_id];  // std::map: stays where it is while the lock is let go
    if (!ev.free.empty()) {
      const auto n = ev.free.back();
      ev.free.pop_back();
      ++ev.leased;
      return n;
    }
    if (!ev.reserving) {
      // This caller reserves the next block; the event's other callers wait for it. No lock is
      // held across the write: on an I/O-thread fiber it suspends the caller (http/commit_fiber.hpp).
      ev.reserving = true;
      lock.unlock();
      std::optional<store::events::NumberBlock> block;
      std::exception_ptr failed;
      try {
        db.write([&](store::Connection& c) {
          block = store::events::reserve_number_block(c, event_id, kMaxBlock, kShrinkDivisor);
        });
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      ev.reserving = false;
      if (block)
        for (auto n = block->last; n >= block->first; --n) ev.free.push_back(n);
      changed(lock);
      if (failed) std::rethrow_exception(failed);
      if (block) continue;
      // At capacity. Leases in flight on this instance may still come back.
      if (ev.leased == 0) return std::nullopt;
    }
    if (!wait_for_change(lock, give_up_at)) return std::nullopt;
  }
}

void TicketNumbers::changed(std::unique_lock<std::mutex>& lock) {
  ++changes_;
  auto fibers = std::exchange(fibers_waiting_, {});
  lock.unlock();
  returned_.notify_all();
  for (auto& resume : fibers) resume();  // each posts its fiber back to its own thread
  lock.lock();
}

bool TicketNumbers::wait_for_change(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point give_up_at) {
  if (auto* wait = store::current_commit_wait()) {
    // A fiber must not block its thread (the reservation it waits for may be another fiber's on
    // the same thread), nor suspend holding the lock. Every lease is settled or given back and every
    // reservation ends, each a change that resumes it, so it needs no time limit.
    const auto seen = changes_;
    lock.unlock();
    wait->suspend([this, seen](std::function<void()> resume) {
      std::lock_guard relock(mutex_);
      if (changes_ != seen) resume();  // changed while the fiber was suspending
      else fibers_waiting_.push_back(std::move(resume));
    });
    lock.lock();
    return true;
  }
  return returned_.wait_until(lock, give_up_at) != std::cv_status::timeout;
}

std::optional<std::int64_t> TicketNumbers::take_in_hand(Id event_id) {
  std::lock_guard lock(mutex_);
  auto& ev = events_[event_id];
  if (ev.free.empty()) return std::nullopt;
  const auto n = ev.free.back();
  ev.free.pop_back();
  ++ev.leased;
  return n;
}

bool TicketNumbers::claim_refill(Id event_id) {
  std::lock_guard lock(mutex_);
  auto& ev = events_[event_id];
  // Refilled at half a block: the next block is usually in hand before the last number is gone.
  if (ev.refilling || ev.near_capacity || ev.free.size() >= static_cast<std::size_t>(kSqliteBlock / 2)) return false;
  ev.refilling = true;
  return true;
}

void TicketNumbers::refill(store::Database& db, Id event_id) {
  std::optional<store::events::NumberBlock> block;
  bool failed = false;
  try {
    // No lock held: on SQLite's I/O-thread fibers this write suspends the caller.
    db.write([&](store::Connection& c) {
      block = store::events::reserve_number_block(c, event_id, kSqliteBlock, kShrinkDivisor, kSqliteAheadFloor);
    });
  } catch (const std::exception& e) {
    // An unknown commit outcome may leave a reserved block unused: a gap, never a double number.
    spdlog::warn("reserving ticket numbers for event {} failed: {}", event_id, e.what());
    failed = true;
  }
  std::lock_guard lock(mutex_);
  auto& ev = events_[event_id];
  ev.refilling = false;
  if (failed) return;
  if (!block) {
    ev.near_capacity = true;
    return;
  }
  for (auto n = block->first; n <= block->last; ++n) ev.free.push_back(n);
  std::sort(ev.free.begin(), ev.free.end(), std::greater<>());
}

std::size_t TicketNumbers::return_unused(store::Database& db) {
  std::map<Id, std::vector<std::int64_t>> held;
  {
    std::lock_guard lock(mutex_);
    for (auto& [event_id, ev] : events_)
      if (ev.leased == 0 && !ev.free.empty()) held[event_id] = std::exchange(ev.free, {});
  }
  std::size_t returned = 0;
  for (const auto& [event_id, free] : held) {
    // Largest first: the run of consecutive numbers at the top can go back; holes below it cannot.
    const auto top = free.front();
    std::int64_t count = 1;
    while (static_cast<std::size_t>(count) < free.size() && free[static_cast<std::size_t>(count)] == top - count) ++count;
    try {
      bool given_back = false;  // set inside: the backend may run the work more than once
      db.write([&](store::Connection& c) { given_back = store::events::return_numbers(c, event_id, top, count); });
      if (given_back) returned += static_cast<std::size_t>(count);
    } catch (const std::exception& e) {
      spdlog::warn("giving back ticket numbers of event {} failed: {}", event_id, e.what());
    }
  }
  return returned;
}

void TicketNumbers::give_back(Id event_id, std::int64_t number) {
  std::unique_lock lock(mutex_);
  auto& ev = events_[event_id];
  --ev.leased;
  // Largest first, so the smallest spare number goes out next (serials stay nearly in order).
  ev.free.insert(std::upper_bound(ev.free.begin(), ev.free.end(), number, std::greater<>()), number);
  changed(lock);
}

void TicketNumbers::settled(Id event_id) {
  std::unique_lock lock(mutex_);
  --events_[event_id].leased;
  changed(lock);
}

std::size_t TicketNumbers::spare(Id event_id) {
  std::lock_guard lock(mutex_);
  return events_[event_id].free.size();
}

bool TicketNumbers::issues_at_registration(Id event_id) {
  std::lock_guard lock(mutex_);
  const auto it = issues_at_registration_.find(event_id);
  return it != issues_at_registration_.end() && it->second;
}

void TicketNumbers::remember_issues_at_registration(Id event_id, bool issues) {
  std::lock_guard lock(mutex_);
  issues_at_registration_[event_id] = issues;
}

}  // namespace gatepass::app
