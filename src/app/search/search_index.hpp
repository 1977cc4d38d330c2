#pragma once
// Keeps SQLite's search indexes current after the writes (store/search_index.hpp): a background
// indexer every `interval`, and catch_up() before any search reads, so a search finds every row
// committed before it started. No-ops on PostgreSQL, whose trigram indexes are kept by the
// database itself.
#include <chrono>
#include <cstdint>

#include "app/ops/periodic_task.hpp"
#include "store/db.hpp"

namespace gatepass::app::search {

// Indexes every row committed so far, in transactions of store::search_index::kIndexBatch rows
// per table. Cheap when nothing waits (one read). Returns the ids covered.
std::int64_t catch_up(store::Database& db);

// Rows waiting to be indexed (the metric gatepass_search_index_backlog).
std::int64_t backlog(store::Database& db);

class Indexer {
 public:
  explicit Indexer(store::Database& db, std::chrono::milliseconds interval = std::chrono::milliseconds(250));

 private:
  ops::PeriodicTask task_;
};

}  // namespace gatepass::app::search
