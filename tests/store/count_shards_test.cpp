// PostgreSQL keeps counts in one row per writing connection (migration 021) and housekeeping folds
// the rows of connections that ended (store/count_shards.hpp). What must hold: counts stay exact
// under concurrent writers, and folding removes exactly the ended connections' rows without
// changing any count.
#include <chrono>
#include <set>
#include <thread>

#include "app/checkin.hpp"
#include "app/housekeeping.hpp"
#include "support/app_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

namespace {
// Every kept count, as "table event key… = n", summed over shards.
std::multiset<std::string> kept_counts(store::Connection& c) {
  std::multiset<std::string> out;
  for (const auto* sql : {"SELECT 'registrations ' || event_id || ' ' || status || ' = ' || SUM(n) FROM registration_counts GROUP BY event_id, status",
                          "SELECT 'tickets ' || event_id || ' ' || status || ' ' || inside || ' = ' || SUM(n) FROM ticket_counts GROUP BY event_id, status, inside",
                          "SELECT 'scans ' || event_id || ' ' || gate || ' ' || result || ' = ' || SUM(n) FROM scan_counts GROUP BY event_id, gate, result"})
    for (const auto& row : c.exec(sql).rows) out.insert(row.text(0));
  return out;
}
std::set<std::int64_t> shards(store::Connection& c) {
  std::set<std::int64_t> out;
  for (const auto& row : c.exec("SELECT shard FROM registration_counts UNION SELECT shard FROM ticket_counts "
                                "UNION SELECT shard FROM scan_counts").rows)
    out.insert(row.integer(0));
  return out;
}
std::int64_t still_connected(store::Connection& c, const std::set<std::int64_t>& pids) {
  std::int64_t n = 0;
  for (const auto pid : pids) n += c.query("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?", {pid}).rows.at(0).integer(0);
  return n;
}
}  // namespace

class CountShards : public AppFixture {};

TEST_P(CountShards, ConcurrentWritersKeepExactCounts) {
  const auto event = make_event();
  std::atomic<int> approved{0};
  race(16, [&](int) {
    for (int i = 0; i < 10; ++i) {
      const auto reg = register_person(event.id);
      if (i % 2 == 0) {
        app::approve_registration(*ctx, admin, reg.id);
        ++approved;
      }
    }
  });
  ctx->db.read([&](store::Connection& c) {
    EXPECT_EQ(c.query("SELECT SUM(n) FROM registration_counts WHERE event_id = ? AND status = 'pending'", {event.id}).rows.at(0).integer(0),
              160 - approved.load());
    EXPECT_EQ(c.query("SELECT SUM(n) FROM registration_counts WHERE event_id = ? AND status = 'approved'", {event.id}).rows.at(0).integer(0),
              approved.load());
    EXPECT_EQ(c.query("SELECT SUM(n) FROM ticket_counts WHERE event_id = ?", {event.id}).rows.at(0).integer(0), approved.load());
    // Several connections wrote, each into its own row (no shard 0 before any fold).
    EXPECT_GT(c.query("SELECT COUNT(DISTINCT shard) FROM registration_counts WHERE event_id = ?", {event.id}).rows.at(0).integer(0), 1);
  });
}

TEST_P(CountShards, HousekeepingFoldsTheRowsOfEndedConnectionsAndNoCountChanges) {
  const auto event = make_event();
  const auto mine = approved_ticket(event.id);
  app::check_in_ticket(*ctx, admin, mine.ticket.qr_payload, std::nullopt, std::nullopt);
  std::set<std::int64_t> live;
  ctx->db.read([&](store::Connection& c) { live = shards(c); });

  // Another instance writes through its own connections, then stops.
  {
    auto other_db = store::open_database(tdb->url);
    app::Context other(*other_db, test_config(temp_dir()));
    for (int i = 0; i < 4; ++i) {
      app::RegistrationInput in;
      in.event_id = event.id;
      in.name = "Other " + std::to_string(i);
      in.email = "other" + std::to_string(i) + "@example.com";
      const auto reg = app::submit_registration(other, in).registration;
      if (i < 2) {
        const auto t = app::approve_registration(other, admin, reg.id).ticket;
        app::check_in_ticket(other, admin, t.ticket.qr_payload, std::nullopt, std::nullopt);
      }
    }
  }
  std::set<std::int64_t> ended;
  std::multiset<std::string> before;
  ctx->db.read([&](store::Connection& c) {
    for (const auto s : shards(c))
      if (!live.contains(s)) ended.insert(s);
    before = kept_counts(c);
  });
  ASSERT_FALSE(ended.empty()) << "the other instance's writes have rows of their own";
  // A backend leaves pg_stat_activity shortly after its client hangs up: wait for that (bounded).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    std::int64_t n = 0;
    ctx->db.read([&](store::Connection& c) { n = still_connected(c, ended); });
    if (n == 0) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << n << " ended connection(s) still listed";
    std::this_thread::yield();
  }

  const auto report = app::run_housekeeping(*ctx);
  EXPECT_GE(report.count_rows_folded, static_cast<std::int64_t>(ended.size()));
  ctx->db.read([&](store::Connection& c) {
    const auto after = shards(c);
    for (const auto s : ended) EXPECT_FALSE(after.contains(s)) << "row of ended connection " << s << " kept";
    EXPECT_TRUE(after.contains(0)) << "their counts went into shard 0";
    for (const auto s : live) {
      if (s != 0) EXPECT_TRUE(after.contains(s)) << "a live connection's row " << s << " was folded";
    }
    EXPECT_EQ(kept_counts(c), before);
    EXPECT_EQ(c.query("SELECT SUM(n) FROM registration_counts WHERE event_id = ?", {event.id}).rows.at(0).integer(0), 5);
    EXPECT_EQ(c.query("SELECT SUM(n) FROM ticket_counts WHERE event_id = ? AND status = 'used'", {event.id}).rows.at(0).integer(0), 3);
  });
  // Nothing left to fold: a second pass finds nothing.
  EXPECT_EQ(app::run_housekeeping(*ctx).count_rows_folded, 0);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CountShards);
INSTANTIATE_TEST_SUITE_P(Postgres, CountShards, ::testing::ValuesIn(postgres_only()), backend_name);
