#pragma once
// The kept counts (registration_counts, ticket_counts, scan_counts) on PostgreSQL hold one row per
// writing connection (migration 021: shard = the backend's pid, so concurrent writers never wait
// for one counter row). A connection that ended leaves its rows behind; folding adds them into
// shard 0 and deletes them, so the rows stay about as many as the live connections. Counts (SUM
// over shards) are the same before and after. SQLite keeps one row (shard 0): nothing to fold.
#include <cstdint>

#include "store/db.hpp"

namespace gatepass::store::count_shards {

// Folds the rows of backends that are no longer connected; returns how many rows went.
std::int64_t fold_ended_connections(Connection& c);

}  // namespace gatepass::store::count_shards
