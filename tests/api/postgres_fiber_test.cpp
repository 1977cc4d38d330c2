// PostgreSQL's hot routes run in fibers on the I/O threads (Route::fiber_on_postgres): a statement
// suspends its request until PostgreSQL answers, and the thread serves others meanwhile.
// PostgreSQL only (SQLite's fibers: commit_fiber_test.cpp).
#include <chrono>
#include <functional>
#include <future>
#include <thread>
#include <utility>

#include "http/commit_fiber.hpp"
#include "store/db.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class PostgresFibers : public ApiFixture {};

// One I/O thread and one pool thread, and forty check-ins whose tickets another transaction holds
// locked: on the pool, one check-in at a time could wait for its row (the others queued behind
// it); in fibers, as many wait in PostgreSQL at once as the connection pool has connections, the
// rest wait for a connection without holding the thread, and a health check is still answered.
TEST_P(PostgresFibers, OneIoThreadKeepsManyCheckInsWaitingInPostgresAtOnce) {
  if (!http::commit_fibers_supported()) GTEST_SKIP() << "AddressSanitizer build: the routes run on the pool";
  unsigned short narrow_port = 0;
  auto narrow = start_server(*ctx, narrow_port, [](http::ServerOptions& o) {
    o.io_threads = 1;
    o.blocking_threads = 1;
  });
  const auto ev = create_event_http({{"name", "Gate"}});
  const auto scanner = token_for_new_user("gate1", "scanner");
  std::vector<std::string> codes;
  for (int i = 0; i < 40; ++i) codes.push_back(url_encode(str(issued_ticket(ev), "qr_payload")));

  // Another transaction holds every ticket row of the event until released (also when the test
  // fails half-way: the threads are released and joined on the way out).
  std::promise<void> release;
  bool released = false;
  const auto release_rows = [&] {
    if (!std::exchange(released, true)) release.set_value();
  };
  std::promise<void> locked;
  std::thread holder([&, rows_released = release.get_future()] {
    ctx->db.write([&](store::Connection& c) {
      c.query("SELECT id FROM tickets WHERE event_id = ? FOR UPDATE", {ev});
      locked.set_value();
      rows_released.wait();
    });
  });
  std::thread gates;
  struct OnTheWayOut {
    std::function<void()> release;
    std::thread& holder;
    std::thread& gates;
    ~OnTheWayOut() {
      release();
      if (holder.joinable()) holder.join();
      if (gates.joinable()) gates.join();
    }
  } on_the_way_out{release_rows, holder, gates};
  locked.get_future().wait();

  std::vector<int> statuses(codes.size(), -1);
  gates = std::thread([&] {
    race(static_cast<int>(codes.size()), [&](int i) {
      HttpClient c(narrow_port);
      statuses[static_cast<std::size_t>(i)] = c.post("/api/mark-used/" + codes[static_cast<std::size_t>(i)], scanner).status;
    });
  });
  // Check-ins waiting for a row lock, seen by PostgreSQL (up to 20 s for them to get there),
  // asked on connections of its own: the server's pool is all in use by then.
  auto observer = store::open_database(tdb->url);
  const auto waiting_for_rows = [&] {
    std::int64_t n = 0;
    observer->read_one([&](store::Connection& c) {
      n = c.query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", {})
              .rows.at(0).integer(0);
    });
    return n;
  };
  std::int64_t waiting = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((waiting = waiting_for_rows()) < 8 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // Asked on a thread of its own: on a blocked server it would never be answered.
  auto health_answer = std::async(std::launch::async, [&] { return HttpClient(narrow_port).get("/api/health").status; });
  const bool answered = health_answer.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
  release_rows();
  holder.join();
  gates.join();

  EXPECT_GE(waiting, 8) << "check-ins waiting in PostgreSQL at once (on one pool thread: at most 1)";
  ASSERT_TRUE(answered) << "no health answer within 5 s while the check-ins waited";
  EXPECT_EQ(health_answer.get(), 200);
  for (std::size_t i = 0; i < statuses.size(); ++i) EXPECT_EQ(statuses[i], 200) << "check-in " << i;
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PostgresFibers);
INSTANTIATE_TEST_SUITE_P(Postgres, PostgresFibers, ::testing::ValuesIn(postgres_only()), backend_name);
