#include "app/search/search_index.hpp"

#include "store/search_index.hpp"

namespace gatepass::app::search {

std::int64_t backlog(store::Database& db) {
  if (db.dialect() != store::Dialect::sqlite) return 0;
  std::int64_t waiting = 0;
  db.read_one([&](store::Connection& c) { waiting = store::search_index::state(c).backlog(); });
  return waiting;
}

std::int64_t catch_up(store::Database& db) {
  if (db.dialect() != store::Dialect::sqlite) return 0;
  store::search_index::State start;
  db.read([&](store::Connection& c) { start = store::search_index::state(c); });
  if (start.backlog() == 0) return 0;  // the usual case: no write, no wait for the writer
  std::int64_t total = 0;
  for (;;) {
    std::int64_t covered = 0;
    db.write([&](store::Connection& c) { covered = store::search_index::index_next(c, start.newest); });
    if (covered == 0) return total;
    total += covered;
  }
}

Indexer::Indexer(store::Database& db, std::chrono::milliseconds interval)
    : task_("search index: indexing", interval, [&db] { catch_up(db); }) {}

}  // namespace gatepass::app::search
