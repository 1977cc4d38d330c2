#include "app/ticket_numbers.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <utility>

#include <spdlog/spdlog.h>

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
    auto& ev = events_[event_id];
    if (!ev.free.empty()) {
      const auto n = ev.free.back();
      ev.free.pop_back();
      ++ev.leased;
      return n;
    }
    std::optional<store::events::NumberBlock> block;
    db.write([&](store::Connection& c) {
      block = store::events::reserve_number_block(c, event_id, kMaxBlock, kShrinkDivisor);
    });
    if (block) {
      for (auto n = block->last; n >= block->first; --n) ev.free.push_back(n);
      continue;
    }
    // At capacity. Leases in flight on this instance may still come back.
    if (ev.leased == 0 || returned_.wait_until(lock, give_up_at) == std::cv_status::timeout) return std::nullopt;
  }
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
      db.write([&](store::Connection& c) {
        if (store::events::return_numbers(c, event_id, top, count)) returned += static_cast<std::size_t>(count);
      });
    } catch (const std::exception& e) {
      spdlog::warn("giving back ticket numbers of event {} failed: {}", event_id, e.what());
    }
  }
  return returned;
}

void TicketNumbers::give_back(Id event_id, std::int64_t number) {
  {
    std::lock_guard lock(mutex_);
    auto& ev = events_[event_id];
    --ev.leased;
    // Largest first, so the smallest spare number goes out next (serials stay nearly in order).
    ev.free.insert(std::upper_bound(ev.free.begin(), ev.free.end(), number, std::greater<>()), number);
  }
  returned_.notify_all();
}

void TicketNumbers::settled(Id event_id) {
  {
    std::lock_guard lock(mutex_);
    --events_[event_id].leased;
  }
  returned_.notify_all();
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
