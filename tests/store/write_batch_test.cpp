// One job's failure never undoes another's work, and a failed job leaves nothing behind, however
// the backend groups jobs into transactions (SQLite: one batch per fsync, without a savepoint per
// job unless one failed with rows changed: src/store/sqlite/write_batch.cpp).
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/db.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "support/app_fixture.hpp"
#include "support/test_db.hpp"

using namespace gatepass;
using gatepass::testing::backends;

namespace {

enum class Kind { succeeds, fails_before_writing, fails_in_its_statement, fails_after_writing };

// Job number -> its kind, all four in turn.
Kind every_kind(int job) { return static_cast<Kind>(job % 4); }
// Only the failures that change nothing: refused before writing, or a statement SQLite undid itself.
Kind clean_kinds(int job) { return static_cast<Kind>(job % 3); }

// A job's work: two rows labelled with its number, and the failure its kind asks for. `runs`
// counts how often it ran.
std::function<void(store::Connection&)> work_for(int job, Kind kind, std::atomic<int>& runs) {
  return [job, kind, &runs](store::Connection& c) {
    ++runs;
    if (kind == Kind::fails_before_writing) throw std::runtime_error("refused before writing");
    if (kind == Kind::fails_in_its_statement)
      c.query("INSERT INTO batch_rows (job) SELECT CAST(? AS BIGINT) UNION ALL SELECT NULL", {std::int64_t{job}});  // NOT NULL
    c.query("INSERT INTO batch_rows (job) VALUES (?)", {std::int64_t{job}});
    c.query("INSERT INTO batch_rows (job) VALUES (?)", {std::int64_t{job}});
    if (kind == Kind::fails_after_writing) throw std::runtime_error("refused after writing");
  };
}

std::vector<std::int64_t> rows_per_job(store::Database& db, int jobs) {
  std::vector<std::int64_t> out(static_cast<std::size_t>(jobs), 0);
  db.read([&](store::Connection& c) {
    for (const auto& r : c.query("SELECT job, COUNT(*) FROM batch_rows GROUP BY job", {}).rows)
      out.at(static_cast<std::size_t>(r.integer(0))) = r.integer(1);
  });
  return out;
}

void create_table(store::Database& db) {
  // No key: a job whose rows were kept twice would show as four rows.
  db.write([](store::Connection& c) { c.exec_script("CREATE TABLE batch_rows (job BIGINT NOT NULL)"); });
}

// Runs jobs [first, first + count) from their own threads, started together; true = it threw.
std::vector<bool> run_together(store::Database& db, int first, int count, Kind (*kind)(int),
                               std::vector<std::atomic<int>>& runs) {
  std::vector<char> threw(static_cast<std::size_t>(count), 0);
  std::latch start(count);
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i)
    threads.emplace_back([&, i] {
      const int job = first + i;
      const auto work = work_for(job, kind(job), runs[static_cast<std::size_t>(job)]);
      start.arrive_and_wait();
      try {
        db.write(work);
      } catch (const std::runtime_error&) {
        threw[static_cast<std::size_t>(i)] = 1;
      }
    });
  for (auto& t : threads) t.join();
  return {threw.begin(), threw.end()};
}

// SQLite: the same, but as ONE batch for certain: a job holds the writer until all are queued.
std::vector<bool> run_as_one_batch(store::SqliteDatabase& db, int first, int count, Kind (*kind)(int),
                                   std::vector<std::atomic<int>>& runs) {
  std::atomic<bool> holding{false};
  std::thread holder([&] {
    db.write([&](store::Connection&) {
      holding = true;
      while (db.queued_writes() < static_cast<std::size_t>(count)) std::this_thread::yield();
    });
  });
  while (!holding) std::this_thread::yield();
  auto threw = run_together(db, first, count, kind, runs);
  holder.join();
  return threw;
}

void expect_outcomes(store::Database& db, int first, int count, Kind (*kind)(int), const std::vector<bool>& threw,
                     int rows_of) {
  const auto rows = rows_per_job(db, rows_of);
  for (int job = first; job < first + count; ++job) {
    const bool succeeds = kind(job) == Kind::succeeds;
    EXPECT_EQ(threw[static_cast<std::size_t>(job - first)], !succeeds) << "job " << job;
    EXPECT_EQ(rows[static_cast<std::size_t>(job)], succeeds ? 2 : 0) << "job " << job;
  }
}

class WriteBatches : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { tdb = gatepass::testing::fresh_database(GetParam()); }
  std::unique_ptr<gatepass::testing::TestDatabase> tdb;
};

// Many writers at once, every kind of outcome mixed: each succeeding job's two rows are there
// exactly once, no failed job left a row, and each caller got its own job's outcome.
TEST_P(WriteBatches, RacingJobsKeepExactlyTheRowsOfThoseThatSucceeded) {
  auto& db = *tdb->db;
  create_table(db);
  constexpr int kJobs = 256;
  std::vector<std::atomic<int>> runs(kJobs);
  const auto threw = run_together(db, 0, kJobs, every_kind, runs);
  expect_outcomes(db, 0, kJobs, every_kind, threw, kJobs);
}

INSTANTIATE_TEST_SUITE_P(Backends, WriteBatches, ::testing::ValuesIn(backends()), gatepass::testing::backend_name);

// The jobs [first, first + count) that ran twice and failed after writing: the batch stops at
// the first such failure and runs again, so exactly one, when that batch had no savepoints.
int failures_after_writing_run_twice(const std::vector<std::atomic<int>>& runs, int first, int count) {
  int twice = 0;
  for (int job = first; job < first + count; ++job) {
    const auto n = runs[static_cast<std::size_t>(job)].load();
    EXPECT_TRUE(n == 1 || n == 2) << "job " << job << " ran " << n << " times";
    if (n == 2 && every_kind(job) == Kind::fails_after_writing) ++twice;
  }
  return twice;
}

// A job failing after it wrote makes its batch run again, each job in a savepoint: the failed
// one's rows are gone, the others' kept once. For a while after (one second in service; here an
// hour, so that a slow machine cannot run out of it) batches keep the savepoints: the same mix
// at once after runs nobody twice.
TEST(SqliteWriteBatch, AFailureAfterWritingRunsTheBatchAgainWithSavepointsAndKeepsThemForAWhile) {
  auto tdb = gatepass::testing::fresh_database("sqlite");
  auto& db = dynamic_cast<store::SqliteDatabase&>(*tdb->db);
  db.keep_savepoints_for(std::chrono::hours(1));
  create_table(db);
  constexpr int kJobs = 12;  // three of each kind
  std::vector<std::atomic<int>> runs(2 * kJobs);

  const auto first = run_as_one_batch(db, 0, kJobs, every_kind, runs);
  expect_outcomes(db, 0, kJobs, every_kind, first, 2 * kJobs);
  EXPECT_EQ(failures_after_writing_run_twice(runs, 0, kJobs), 1)
      << "the first failure after writing ran again, with a savepoint";

  const auto second = run_as_one_batch(db, kJobs, kJobs, every_kind, runs);
  expect_outcomes(db, kJobs, kJobs, every_kind, second, 2 * kJobs);
  for (int job = kJobs; job < 2 * kJobs; ++job) EXPECT_EQ(runs[static_cast<std::size_t>(job)].load(), 1) << "job " << job;
}

// Savepoints kept for no time: every batch with a failure after writing runs again, the next one
// as well as the first.
TEST(SqliteWriteBatch, WhenTheWhileIsOverBatchesRunWithoutSavepointsAgain) {
  auto tdb = gatepass::testing::fresh_database("sqlite");
  auto& db = dynamic_cast<store::SqliteDatabase&>(*tdb->db);
  db.keep_savepoints_for(std::chrono::steady_clock::duration::zero());
  create_table(db);
  constexpr int kJobs = 12;
  std::vector<std::atomic<int>> runs(2 * kJobs);
  for (int first : {0, kJobs}) {
    const auto threw = run_as_one_batch(db, first, kJobs, every_kind, runs);
    expect_outcomes(db, first, kJobs, every_kind, threw, 2 * kJobs);
    EXPECT_EQ(failures_after_writing_run_twice(runs, first, kJobs), 1) << "batch from job " << first;
  }
}

// Failures that leave nothing to undo (most: a 404, a 409, a UNIQUE conflict) run nobody twice.
TEST(SqliteWriteBatch, FailuresThatChangedNothingRunNobodyTwice) {
  auto tdb = gatepass::testing::fresh_database("sqlite");
  auto& db = dynamic_cast<store::SqliteDatabase&>(*tdb->db);
  create_table(db);
  constexpr int kJobs = 30;
  std::vector<std::atomic<int>> runs(kJobs);
  const auto threw = run_as_one_batch(db, 0, kJobs, clean_kinds, runs);
  expect_outcomes(db, 0, kJobs, clean_kinds, threw, kJobs);
  for (int job = 0; job < kJobs; ++job) EXPECT_EQ(runs[static_cast<std::size_t>(job)].load(), 1) << "job " << job;
}

}  // namespace
