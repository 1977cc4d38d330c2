#pragma once
// SQLite's full-text indexes (registrations_fts, tickets_fts) are brought up to date after the
// write that adds a row, not inside it (migration 019_deferred_search). An FTS5 insert in its own
// small transaction costs several times the row it indexes (a new index segment per commit):
// with it in the registration's transaction, registering ran at 0.64–0.9 of the speed without it.
// Rows are indexed in id order by the background indexer (app/search) and, before any search
// reads, by the search itself, so a search still finds every row committed before it began.
// Rows already indexed are kept current by triggers (an edit, an erasure, a ticket's new holder).
// PostgreSQL maintains its trigram indexes itself: everything here is a no-op there.
#include <array>
#include <cstdint>
#include <optional>

#include "store/db.hpp"

namespace gatepass::store::search_index {

// Rows per table per transaction: a pass holds SQLite's single writer for about a millisecond.
inline constexpr std::int64_t kIndexBatch = 1024;

// How far each indexed table (registrations, tickets) has come: the newest id, or the newest indexed.
using Marks = std::array<std::int64_t, 2>;
struct State {
  Marks newest{};
  Marks indexed{};
  std::int64_t backlog() const { return newest[0] - indexed[0] + newest[1] - indexed[1]; }
};
State state(Connection& c);  // all zero on PostgreSQL

// Indexes up to kIndexBatch rows of each table, lowest ids first and none beyond `upto` (a search
// needs the rows committed before it began, not the ones arriving while it catches up). Returns
// how many ids it covered (0: nothing was waiting). Call inside a write transaction.
std::int64_t index_next(Connection& c, const std::optional<Marks>& upto = std::nullopt);

}  // namespace gatepass::store::search_index
