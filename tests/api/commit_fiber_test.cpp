// SQLite's hot write routes run in fibers on the I/O threads (http/commit_fiber.hpp): a write
// suspends its request until the writer committed, and the thread serves others meanwhile.
#include <boost/asio.hpp>

#include <chrono>
#include <future>
#include <thread>

#include "http/commit_fiber.hpp"
#include "store/commit_wait.hpp"
#include "store/request_scope.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace asio = boost::asio;

class CommitFibers : public ApiFixture {
 protected:
  store::SqliteDatabase& sqlite() { return dynamic_cast<store::SqliteDatabase&>(ctx->db); }

  // Keeps the writer inside a transaction until release(): every write queued meanwhile waits.
  void hold_writer() {
    auto held = std::make_shared<std::promise<void>>();
    auto inside = held->get_future();
    holder_ = std::thread([this, released = release_.get_future().share(), held] {
      ctx->db.write([&](store::Connection&) {
        held->set_value();
        released.wait();
      });
    });
    inside.wait();
  }
  void release_writer() {
    release_.set_value();
    holder_.join();
  }
  // Waits (up to 20 s) until `n` writes are queued behind the held writer; how many were.
  std::size_t queued_up_to(std::size_t n) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    auto queued = sqlite().queued_writes();
    while (queued < n && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      queued = sqlite().queued_writes();
    }
    return queued;
  }

  // A gate's scanner and the codes of `n` new tickets of its event, URL-encoded for mark-used.
  std::vector<std::string> gate_codes(int n, std::string& scanner) {
    const auto ev = create_event_http({{"name", "Gate"}});
    scanner = token_for_new_user("gate1", "scanner");
    std::vector<std::string> codes;
    for (int i = 0; i < n; ++i) codes.push_back(url_encode(str(issued_ticket(ev), "qr_payload")));
    return codes;
  }
  // Every code checked in at once, each from its own connection, on a thread of its own; a
  // connection closed without an answer reads as status 0.
  std::thread check_in_all_at_once(unsigned short at_port, const std::vector<std::string>& codes,
                                   const std::string& scanner, std::vector<int>& statuses) {
    statuses.assign(codes.size(), -1);
    return std::thread([&codes, &scanner, &statuses, at_port] {
      race(static_cast<int>(codes.size()), [&](int i) {
        try {
          HttpClient c(at_port);
          statuses[static_cast<std::size_t>(i)] = c.post("/api/mark-used/" + codes[static_cast<std::size_t>(i)], scanner).status;
        } catch (const std::exception&) {
          statuses[static_cast<std::size_t>(i)] = 0;
        }
      });
    });
  }

  std::promise<void> release_;
  std::thread holder_;
};

// One I/O thread and one pool thread: were check-ins run on the pool (or blocking the I/O thread),
// at most one could wait for the writer at a time. In fibers, all forty wait at once, and the
// server still answers a health check while they do.
TEST_P(CommitFibers, OneIoThreadKeepsFortyCheckInsWaitingAtOnce) {
  if (!http::commit_fibers_supported()) GTEST_SKIP() << "AddressSanitizer build: the routes run on the pool";
  unsigned short narrow_port = 0;
  auto narrow = start_server(*ctx, narrow_port, [](http::ServerOptions& o) {
    o.io_threads = 1;
    o.blocking_threads = 1;
  });
  std::string scanner;
  const auto codes = gate_codes(40, scanner);

  hold_writer();
  std::vector<int> statuses;
  auto gates = check_in_all_at_once(narrow_port, codes, scanner, statuses);
  const auto waiting = queued_up_to(codes.size());
  HttpClient probe(narrow_port);
  const auto health = probe.get("/api/health").status;
  release_writer();
  gates.join();

  EXPECT_GE(waiting, codes.size()) << "check-ins that reached the writer together";
  EXPECT_EQ(health, 200);
  for (std::size_t i = 0; i < statuses.size(); ++i) EXPECT_EQ(statuses[i], 200) << "check-in " << i;
  std::int64_t used = 0;
  ctx->db.read([&](store::Connection& c) {
    used = c.query("SELECT COUNT(*) FROM tickets WHERE used_at IS NOT NULL", {}).rows.at(0).integer(0);
  });
  EXPECT_EQ(used, static_cast<std::int64_t>(codes.size()));
}

// A stop whose drain deadline passes while check-ins still wait at a stuck writer: the waiting
// fibers' work lives on their stacks, so the stop lets them finish before its I/O threads go.
// What committed stays committed; a client gets its answer or none (never a false one).
TEST_P(CommitFibers, StopWaitsForTheWriterBeforeDroppingWaitingFibers) {
  if (!http::commit_fibers_supported()) GTEST_SKIP() << "AddressSanitizer build: the routes run on the pool";
  unsigned short narrow_port = 0;
  auto narrow = start_server(*ctx, narrow_port, [](http::ServerOptions& o) {
    o.io_threads = 1;
    o.drain_timeout_ms = 50;
  });
  std::string scanner;
  const auto codes = gate_codes(5, scanner);

  hold_writer();
  std::vector<int> statuses;
  auto gates = check_in_all_at_once(narrow_port, codes, scanner, statuses);
  EXPECT_GE(queued_up_to(codes.size()), codes.size());  // not ASSERT: the writer and the gates must still be let go
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    narrow->stop();
    stopped = true;
  });
  // Ten times the drain deadline: the stop must still be waiting for the writer.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  while (!stopped && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_FALSE(stopped) << "the server stopped while check-ins were queued at the writer";
  release_writer();
  stopper.join();
  narrow.reset();  // closes the connections whose answers were never sent
  gates.join();

  EXPECT_TRUE(stopped);
  for (std::size_t i = 0; i < statuses.size(); ++i) EXPECT_TRUE(statuses[i] == 0 || statuses[i] == 200) << statuses[i];
  std::int64_t used = 0;
  ctx->db.read([&](store::Connection& c) {
    used = c.query("SELECT COUNT(*) FROM tickets WHERE used_at IS NOT NULL", {}).rows.at(0).integer(0);
  });
  EXPECT_EQ(used, static_cast<std::int64_t>(codes.size())) << "the check-ins queued before the stop committed";
}

// While fibers wait, their threads run others: each request's id (written into its audit rows)
// must go with its fiber, and the thread in between must carry none of them.
TEST_P(CommitFibers, RequestIdsAndErrorsStayWithTheirFibers) {
  if (!http::commit_fibers_supported()) GTEST_SKIP() << "AddressSanitizer build: the server runs no fibers";
  constexpr int kFibers = 64;
  asio::io_context ioc;
  auto work = asio::make_work_guard(ioc);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) threads.emplace_back([&] { ioc.run(); });

  std::atomic<int> finished{0}, mismatches{0}, errors_caught{0};
  hold_writer();
  for (int i = 0; i < kFibers; ++i) {
    asio::co_spawn(
        ioc,
        [&, i]() -> asio::awaitable<void> {
          co_await http::run_in_commit_fiber([&, i] {
            const std::string id = "req-" + std::to_string(i);
            store::RequestScope scope(id);
            for (int k = 0; k < 3; ++k) {
              std::string seen_by_writer;
              try {
                ctx->db.write([&](store::Connection& c) {
                  seen_by_writer = store::current_request_id();
                  c.query("SELECT 1", {});
                  if (i % 8 == 0 && k == 1) throw std::runtime_error("refused " + id);
                });
              } catch (const std::runtime_error& e) {
                if (std::string(e.what()) == "refused " + id) ++errors_caught;
                else ++mismatches;
              }
              if (seen_by_writer != id || store::current_request_id() != id || !store::current_commit_wait()) ++mismatches;
            }
            ++finished;
            return http::Response{};
          });
        },
        asio::detached);
  }
  const auto waiting = queued_up_to(kFibers);
  // What the I/O threads see between fibers: no request's id, no fiber's wait.
  std::atomic<int> dirty_threads{0};
  std::promise<void> probed;
  asio::post(ioc, [&] {
    if (!store::current_request_id().empty() || store::current_commit_wait()) ++dirty_threads;
    probed.set_value();
  });
  probed.get_future().wait();
  release_writer();
  work.reset();
  for (auto& t : threads) t.join();

  EXPECT_GE(waiting, static_cast<std::size_t>(kFibers)) << "fibers that waited together";
  EXPECT_EQ(dirty_threads, 0);
  EXPECT_EQ(finished, kFibers);
  EXPECT_EQ(mismatches, 0);
  EXPECT_EQ(errors_caught, kFibers / 8);
}

INSTANTIATE_TEST_SUITE_P(Backends, CommitFibers, ::testing::Values(std::string("sqlite")), backend_name);
