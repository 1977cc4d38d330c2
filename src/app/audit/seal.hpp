#pragma once
// Sealing: linking audit rows into the chain after they commit (docs/security.md, "The audit
// chain"). Rows are written as before, by the transaction that causes them, so no request waits
// for the chain; whoever holds the chain head's lock appends every row not yet linked, lowest id
// first. The head lock is the one global order: on PostgreSQL several instances seal, one at a time.
#include <functional>
#include <optional>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::app::audit {

// Rows per transaction: keeps SQLite's single writer and PostgreSQL's head lock free most of the
// time. Small enough that a seal holds the writer about a millisecond, so the check-ins and
// approvals queued behind it do not wait long (2,000 doubled their p99 under load: 11 -> 21 ms).
inline constexpr std::int64_t kSealBatch = 256;

// Links rows not yet in the chain, in the caller's transaction (which holds the head's lock from
// here to its end). wait=false: nullopt at once if another transaction is sealing. At most
// `max_rows` rows (nullopt: every row this transaction sees). Returns how many were linked.
std::optional<std::int64_t> seal_pending(store::Connection& c, Millis now, bool wait,
                                         std::optional<std::int64_t> max_rows = kSealBatch);

// Seals everything committed so far, in transactions of at most kSealBatch rows. wait=false stops
// when another instance is sealing (it will link what is left). Returns how many were linked.
std::int64_t seal_committed(store::Database& db, const std::function<Millis()>& clock, bool wait);

}  // namespace gatepass::app::audit
