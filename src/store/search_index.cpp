#include "store/search_index.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace gatepass::store::search_index {

namespace {
struct Index {
  const char* name;    // search_index_progress.name, and the content table
  std::string insert;  // indexes the content rows with id in (?, ?]
};

// In the order of Marks. Tickets without any name or address (generated, not yet sold) have nothing to index.
const std::array<Index, 2> kIndexes{{
    {"registrations",
     "INSERT INTO registrations_fts (rowid, name, email, team_name) "
     "SELECT id, name, email, team_name FROM registrations WHERE id > ? AND id <= ?"},
    {"tickets",
     "INSERT INTO tickets_fts (rowid, holder_name, holder_email, purchaser_name, purchaser_email) "
     "SELECT id, holder_name, holder_email, purchaser_name, purchaser_email FROM tickets WHERE id > ? AND id <= ? "
     "AND COALESCE(holder_name, holder_email, purchaser_name, purchaser_email) IS NOT NULL"},
}};

// Both from indexes: the progress row by its key, the newest id from the table's rowid b-tree.
std::string progress_sql(const Index& index) {
  return std::string("SELECT (SELECT indexed_to FROM search_index_progress WHERE name = '") + index.name +
         "'), (SELECT COALESCE(MAX(id), 0) FROM " + index.name + ")";
}
}  // namespace

State state(Connection& c) {
  State out;
  if (c.dialect() != Dialect::sqlite) return out;
  for (std::size_t i = 0; i < kIndexes.size(); ++i) {
    static const std::array<std::string, 2> sql{progress_sql(kIndexes[0]), progress_sql(kIndexes[1])};
    const auto rows = c.exec(sql[i]).rows;
    out.indexed[i] = rows.at(0).integer(0);
    out.newest[i] = std::max(out.indexed[i], rows.at(0).integer(1));
  }
  return out;
}

std::int64_t index_next(Connection& c, const std::optional<Marks>& upto) {
  if (c.dialect() != Dialect::sqlite) return 0;
  const auto now = state(c);
  std::int64_t covered = 0;
  for (std::size_t i = 0; i < kIndexes.size(); ++i) {
    const auto target = upto ? std::min((*upto)[i], now.newest[i]) : now.newest[i];
    if (target <= now.indexed[i]) continue;
    const std::int64_t to = std::min(target, now.indexed[i] + kIndexBatch);
    c.exec(kIndexes[i].insert, std::vector<Value>{now.indexed[i], to});
    c.exec("UPDATE search_index_progress SET indexed_to = ? WHERE name = ?",
           std::vector<Value>{to, std::string(kIndexes[i].name)});
    covered += to - now.indexed[i];
  }
  return covered;
}

}  // namespace gatepass::store::search_index
