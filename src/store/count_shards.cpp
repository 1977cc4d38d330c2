#include "store/count_shards.hpp"

#include <string>

namespace gatepass::store::count_shards {

namespace {
// One statement per table: the DELETE and the INSERT into shard 0 see one snapshot, so a count
// read at any moment sees either the rows or their sum. A backend whose pid was missed by the
// activity snapshot (it started during the statement) only has its row folded early: its next
// write makes a new one. A row locked by a running transaction is waited for, then folded with
// its committed value. (A data-modifying WITH runs whether or not the outer query reads it.)
std::int64_t fold(Connection& c, const std::string& table, const std::string& key) {
  const std::string sql =
      "WITH gone AS (DELETE FROM " + table + " WHERE shard <> 0 AND shard NOT IN (SELECT pid FROM pg_stat_activity) "
      "RETURNING " + key + ", n), "
      "added AS (INSERT INTO " + table + " AS c (" + key + ", shard, n) SELECT " + key + ", 0, SUM(n) FROM gone "
      "GROUP BY " + key + " ON CONFLICT (" + key + ", shard) DO UPDATE SET n = c.n + EXCLUDED.n) "
      "SELECT COUNT(*) FROM gone";
  return c.exec(sql).rows.at(0).integer(0);
}
}  // namespace

std::int64_t fold_ended_connections(Connection& c) {
  if (c.dialect() != Dialect::postgres) return 0;
  return fold(c, "registration_counts", "event_id, status") + fold(c, "ticket_counts", "event_id, status, inside") +
         fold(c, "scan_counts", "event_id, gate, result");
}

}  // namespace gatepass::store::count_shards
