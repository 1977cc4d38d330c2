#pragma once
// SQLite backend. WAL mode with synchronous=FULL: a commit is on disk before write() returns.
//
// All writes go through ONE writer thread that commits in batches ("group commit"): every job
// queued while the previous fsync was running joins the next transaction, and one job's failure
// does not undo another's (store/sqlite/write_batch.cpp: how, without a SAVEPOINT per job).
// Throughput then grows with the number of concurrent writers instead of being capped at one
// fsync per check-in, and writers never see SQLITE_BUSY from each other. Reads use a pool of
// connections that run in parallel (WAL).
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "store/commit_wait.hpp"
#include "store/db.hpp"

namespace gatepass::store {

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  Result exec(const std::string& sql, std::span<const Value> params) override;
  void exec_script(const std::string& sql) override;
  std::int64_t insert_id(const std::string& insert_sql, std::span<const Value> params) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  // Rows inserted, updated or deleted through this connection so far, by triggers too; a
  // statement that failed (and so was undone by SQLite) adds nothing.
  std::int64_t total_changes() const { return sqlite3_total_changes64(db_); }

 private:
  sqlite3_stmt* prepare(const std::string& sql);
  [[noreturn]] void fail(int rc, const std::string& sql);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::string path);
  ~SqliteDatabase() override;

  void write(const std::function<void(Connection&)>& work) override;
  void read(const std::function<void(Connection&)>& work) override;
  void read_one(const std::function<void(Connection&)>& work) override;
  void migrate_step(const std::function<void(Connection&)>& work) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  std::string_view name() const override { return "sqlite"; }
  // Writes queued for the writer and not yet taken into a batch (tests).
  std::size_t queued_writes();
  // How long batches keep a savepoint per job after a job failed with rows changed
  // (write_batch.cpp; one second). Tests set it so that their outcome does not depend on how
  // fast the machine is; call it before writing.
  void keep_savepoints_for(std::chrono::steady_clock::duration window) { savepoints_window_ = window; }

 private:
  // What one caller waits on, so that a finished batch wakes exactly the callers whose jobs it
  // ran. (One condition variable for all woke every queued caller after each batch, most of
  // them only to sleep again.) Owned here and lent per write: the writer may still notify one
  // after its caller returned, so a waiter must outlive every write (a late wake-up is harmless:
  // the next borrower re-checks `done`).
  struct Waiter {
    std::mutex mutex;
    std::condition_variable cv;
    bool done = false;
  };
  struct Job {
    const std::function<void(Connection&)>* work;
    std::exception_ptr error;
    Waiter* waiter;          // a blocked caller's; nullptr for a suspended one
    std::string request_id;  // of the request that queued it (store/request_scope.hpp)
    std::function<void()> resume;  // a suspended caller's (store/commit_wait.hpp)
  };
  void queue_and_block(Job& job);
  void queue_suspended(Job& job, CommitWait& wait);
  void writer_loop();
  // store/sqlite/write_batch.cpp
  void run_batch(std::vector<Job*>& batch);
  bool run_jobs(std::vector<Job*>& batch, bool savepoints);
  void commit_batch(std::vector<Job*>& batch);
  std::unique_ptr<SqliteConnection> take_reader();
  void return_reader(std::unique_ptr<SqliteConnection> conn);

  std::string path_;
  std::unique_ptr<SqliteConnection> writer_conn_;
  std::mutex queue_mutex_;
  std::condition_variable queue_cv_;   // writer waits for jobs
  std::deque<Job*> queue_;
  std::vector<std::unique_ptr<Waiter>> idle_waiters_;  // under queue_mutex_
  bool stopping_ = false;
  // Until when batches give every job a savepoint again, after a job failed with rows changed
  // (write_batch.cpp). The writer thread's alone.
  std::chrono::steady_clock::time_point savepoints_until_{};
  std::chrono::steady_clock::duration savepoints_window_ = std::chrono::seconds(1);
  std::thread writer_;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
};

}  // namespace gatepass::store
