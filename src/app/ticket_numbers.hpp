#pragma once
// Ticket numbers for approvals without holding the event's row for a whole approval.
//
// `events.ticket_seq` is both the last number handed out and the capacity counter: a number is
// only handed out while ticket_seq stays within the capacity, so an event cannot oversell.
// Approvals used to raise it inside their own transaction; the row lock was then held until
// commit and every approval of one event waited for the one before (on PostgreSQL about 760
// approvals/s however many cores). Now an instance reserves a small block of numbers in a short
// transaction of its own and hands them out from memory; an approval that does not use its
// number (declined meanwhile, failed, rolled back) gives it back for the next one.
//
// PostgreSQL (writers in parallel): take() reserves a block when the instance has none left; the
// event's other approvals wait for that short transaction (threads on a condition variable, fibers
// suspended: nothing holds the mutex across the write, so approvals can run in I/O-thread fibers).
//
// SQLite (one writer thread, whose work bounds approvals): approvals take a number only if one is
// in hand (take_in_hand(), no write, no wait), so that the QR code can be signed before the
// transaction, off the writer (the signature was 28 % of its work per approval). The hand is
// refilled by refill(), a write of its own made after an approval by the one caller that
// claim_refill() picks; nobody else waits for it (a reservation every approval waited for made
// approvals 40 % slower). With an empty hand, the number is taken inside the approval's own
// transaction and the code signed there, as before. The last kSqliteAheadFloor places of an event
// are always handed out that way, exactly, one by one.
//
// The price, documented in docs/box-office.md: numbers still held by an instance that stops are
// never used, leaving a gap in the serials and as many places of capacity unsold. A block is at
// most kMaxBlock (PostgreSQL) or kSqliteBlock numbers and shrinks near the capacity (remaining /
// kShrinkDivisor), so little is lost and nothing at sell-out.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::app {

class TicketNumbers {
 public:
  static constexpr std::int64_t kMaxBlock = 16;
  static constexpr std::int64_t kShrinkDivisor = 64;
  static constexpr std::int64_t kSqliteBlock = 256;
  static constexpr std::int64_t kSqliteAheadFloor = kMaxBlock * kShrinkDivisor;

  // Whether take() reserves numbers ahead of the transaction on this database (PostgreSQL).
  static bool reserves_ahead(const store::Database& db) { return db.dialect() == store::Dialect::postgres; }

  // SQLite: a number already in hand, or nullopt (then the transaction takes one itself).
  std::optional<std::int64_t> take_in_hand(Id event_id);
  // SQLite: true for one caller at a time while the event's hand runs low; that caller then
  // calls refill(), after its own write.
  bool claim_refill(Id event_id);
  // Reserves the next block (at most kSqliteBlock, none within kSqliteAheadFloor of the capacity)
  // in a write of its own. Never throws: the caller's approval has committed already.
  void refill(store::Database& db, Id event_id);

  // A number for a new ticket of the event, or nullopt when its capacity is reached. Near the
  // capacity, numbers may all be out on lease to approvals in flight, some of which will give
  // theirs back (a registration approved twice at once): then this waits for them to settle
  // rather than answer "full" while a place is about to come free.
  std::optional<std::int64_t> take(store::Database& db, Id event_id);
  // At a clean stop (no approval in flight): the unused numbers this server holds go back to their
  // events when nothing was handed out after them, so a restart leaves no gap and no unsold place.
  // How many went back; the rest stay gaps.
  std::size_t return_unused(store::Database& db);
  // A taken number that no ticket got: the next take() of this event hands it out again.
  void give_back(Id event_id, std::int64_t number);
  // A taken number that a committed ticket has (or may have: the commit's outcome is unknown).
  void settled(Id event_id);
  // Taken-but-unused numbers this instance holds for the event (tests).
  std::size_t spare(Id event_id);

  // Whether registrations for the event issue a ticket at once (no approval), as last seen: lets a
  // registration take its number before its transaction without reading the event first. A wrong
  // guess costs one retry (app/registrations.cpp).
  bool issues_at_registration(Id event_id);
  void remember_issues_at_registration(Id event_id, bool issues);

 private:
  struct PerEvent {
    std::vector<std::int64_t> free;  // unused numbers, largest first
    std::int64_t leased = 0;         // taken and not yet settled or given back
    bool reserving = false;          // PostgreSQL: a take() is reserving the next block
    bool refilling = false;          // SQLite: a refill() is under way
    bool near_capacity = false;      // SQLite: refill() found no block to take; stop asking
  };
  // A lease settled or given back, or a reservation ended: wakes the waiting threads and fibers.
  void changed(std::unique_lock<std::mutex>& lock);
  // Until the next change (true) or, for a thread, `give_up_at` (false). Lets go of the lock meanwhile.
  bool wait_for_change(std::unique_lock<std::mutex>& lock, std::chrono::steady_clock::time_point give_up_at);

  std::mutex mutex_;
  std::condition_variable returned_;
  std::uint64_t changes_ = 0;
  std::vector<std::function<void()>> fibers_waiting_;  // resumed at the next change
  std::map<Id, PerEvent> events_;
  std::map<Id, bool> issues_at_registration_;
};

// One number taken for one ticket: given back when it goes out of scope unused, unless the
// transaction's outcome is unknown (it may have been used after all: then it is lost, never doubled).
class NumberLease {
 public:
  NumberLease(TicketNumbers& numbers, Id event_id, std::optional<std::int64_t> number)
      : numbers_(numbers), event_id_(event_id), number_(number) {}
  NumberLease(const NumberLease&) = delete;
  NumberLease& operator=(const NumberLease&) = delete;
  ~NumberLease() {
    if (number_ && !settled_) numbers_.give_back(event_id_, *number_);
  }
  const std::optional<std::int64_t>& number() const { return number_; }
  void used() { settle(); }     // the ticket with this number committed
  void unknown() { settle(); }  // the commit's outcome is unknown: never hand it out again

 private:
  void settle() {
    if (number_ && !settled_) numbers_.settled(event_id_);
    settled_ = true;
  }
  TicketNumbers& numbers_;
  Id event_id_;
  std::optional<std::int64_t> number_;
  bool settled_ = false;
};

}  // namespace gatepass::app
