// SQLite's search indexes are filled after the write (store/search_index.hpp): rows up to
// `indexed_to` are in the index with their current text and no others; the triggers keep it so
// when an indexed row changes, goes, or its rowid is handed out again.
#include <gtest/gtest.h>

#include "store/db.hpp"
#include "store/migrations.hpp"
#include "store/search_index.hpp"
#include "support/test_db.hpp"

using namespace gatepass;
using namespace gatepass::store;

namespace {
class SearchIndex : public ::testing::Test {
 protected:
  std::unique_ptr<Database> db = open_database("sqlite://" + gatepass::testing::temp_dir() + "/search.db");
  void SetUp() override {
    migrate(*db);
    db->write([](Connection& c) {
      c.exec_script("INSERT INTO events (id, name, slug, serial_prefix, created_at, updated_at, ticket_seq) "
                    "VALUES (1, 'E', 'e', 'EVT', 1, 1, 1)");
    });
  }
  void add(std::int64_t id, const std::string& name) {
    db->write([&](Connection& c) {
      c.query("INSERT INTO registrations (id, event_id, name, email, status, created_at) VALUES (?, 1, ?, ?, 'pending', 1)",
              {id, name, name + "@example.com"});
    });
  }
  std::vector<std::int64_t> matches(const std::string& word) {
    std::vector<std::int64_t> ids;
    db->read([&](Connection& c) {
      for (const auto& r : c.query("SELECT rowid FROM registrations_fts WHERE registrations_fts MATCH ? ORDER BY rowid",
                                   {"\"" + word + "\"*"})
                               .rows)
        ids.push_back(r.integer(0));
    });
    return ids;
  }
  std::int64_t index_all() {
    std::int64_t total = 0, covered = 0;
    do {
      db->write([&](Connection& c) { covered = search_index::index_next(c); });
      total += covered;
    } while (covered > 0);
    return total;
  }
  search_index::State state() {
    search_index::State s;
    db->read([&](Connection& c) { s = search_index::state(c); });
    return s;
  }
  bool integrity_ok() {
    bool ok = true;
    db->write([&](Connection& c) {
      try {
        c.exec("INSERT INTO registrations_fts (registrations_fts) VALUES ('integrity-check')");
        c.exec("INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check')");
      } catch (const std::exception&) {
        ok = false;
      }
    });
    return ok;
  }
};
}  // namespace

TEST_F(SearchIndex, NewRowsWaitForTheIndexerThenFollowTheirEditsAndDeletes) {
  add(1, "ada");
  add(2, "grace");
  EXPECT_EQ(state().backlog(), 2);
  EXPECT_TRUE(matches("ada").empty()) << "not indexed inside the writing transaction";
  EXPECT_EQ(index_all(), 2);
  EXPECT_EQ(state().backlog(), 0);
  EXPECT_EQ(matches("ada"), std::vector<std::int64_t>{1});

  // Indexed rows follow their edits and deletions at once.
  db->write([](Connection& c) { c.exec("UPDATE registrations SET name = 'adelaide', email = 'adelaide@example.com' WHERE id = 1"); });
  EXPECT_TRUE(matches("ada").empty());
  EXPECT_EQ(matches("adelaide"), std::vector<std::int64_t>{1});
  db->write([](Connection& c) { c.exec("DELETE FROM registrations WHERE id = 2"); });
  EXPECT_TRUE(matches("grace").empty());

  // The newest row deleted hands its rowid out again: the new row is indexed at once, since the
  // indexer has passed that id.
  db->write([](Connection& c) { c.exec("DELETE FROM registrations WHERE id = 1"); });
  db->write([](Connection& c) {
    c.exec("INSERT INTO registrations (event_id, name, email, status, created_at) VALUES (1, 'hedy', 'h@example.com', 'pending', 1)");
  });
  EXPECT_EQ(matches("hedy"), std::vector<std::int64_t>{1}) << "the table was empty: SQLite starts again at 1";
  EXPECT_EQ(state().backlog(), 0);

  // An edit of a row the indexer has not reached changes nothing in the index; the indexer then
  // indexes the edited text.
  add(10, "katherine");
  db->write([](Connection& c) { c.exec("UPDATE registrations SET name = 'kay', email = 'kay@example.com' WHERE id = 10"); });
  EXPECT_TRUE(matches("kay").empty());
  index_all();
  EXPECT_EQ(matches("kay"), std::vector<std::int64_t>{10});
  EXPECT_TRUE(matches("katherine").empty());
  EXPECT_TRUE(integrity_ok());
}

TEST_F(SearchIndex, AnIndexerPassStopsAtTheMarkItWasGiven) {
  for (std::int64_t id = 1; id <= search_index::kIndexBatch + 10; ++id) add(id, "guest" + std::to_string(id));
  const auto start = state();
  add(search_index::kIndexBatch + 11, "late");
  std::int64_t covered = 0, passes = 0;
  do {
    db->write([&](Connection& c) { covered = search_index::index_next(c, start.newest); });
    ++passes;
  } while (covered > 0);
  EXPECT_EQ(passes, 3) << "one batch, the ten left, then nothing";
  EXPECT_EQ(state().backlog(), 1) << "the row added after the mark waits for the next pass";
  EXPECT_TRUE(matches("late").empty());
  EXPECT_TRUE(integrity_ok());
}
