#include "store/request_scope.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/observer.hpp"

#include <spdlog/spdlog.h>

#include <pthread.h>

#include <chrono>
#include <mutex>

namespace gatepass::store {

// ---------------------------------------------------------------- connection

SqliteConnection::SqliteConnection(const std::string& path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw Unavailable("cannot open SQLite database '" + path + "': " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  // FULL: the WAL is fsynced at every commit, so an acknowledged check-in survives power loss.
  exec_script(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY;");
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

void SqliteConnection::fail(int rc, const std::string& sql) {
  const std::string msg = std::string(sqlite3_errmsg(db_)) + " (in: " + sql.substr(0, 80) + ")";
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) throw UniqueViolation(msg);
  const int primary = rc & 0xFF;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_IOERR || primary == SQLITE_FULL ||
      primary == SQLITE_CANTOPEN)
    throw Unavailable(msg);
  throw std::runtime_error("SQLite: " + msg);
}

sqlite3_stmt* SqliteConnection::prepare(const std::string& sql) {
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                    nullptr);
  if (rc != SQLITE_OK) fail(rc, sql);
  statements_.emplace(sql, stmt);
  return stmt;
}

Result SqliteConnection::exec(const std::string& sql, std::span<const Value> params) {
  sqlite3_stmt* stmt = prepare(sql);
  // Reset on every exit path so the statement never holds a read lock between calls.
  struct Reset {
    sqlite3_stmt* s;
    ~Reset() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  } reset{stmt};

  for (std::size_t i = 0; i < params.size(); ++i) {
    const int idx = static_cast<int>(i) + 1;
    const auto& p = params[i];
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(p)) rc = sqlite3_bind_null(stmt, idx);
    else if (auto v = std::get_if<std::int64_t>(&p)) rc = sqlite3_bind_int64(stmt, idx, *v);
    else if (auto d = std::get_if<double>(&p)) rc = sqlite3_bind_double(stmt, idx, *d);
    else {
      const auto& s = std::get<std::string>(p);
      rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) fail(rc, sql);
  }

  Result result;
  const int columns = sqlite3_column_count(stmt);
  for (;;) {
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(sqlite3_extended_errcode(db_), sql);
    Row row;
    row.values.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL: row.values.emplace_back(nullptr); break;
        case SQLITE_INTEGER: row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(stmt, c))); break;
        case SQLITE_FLOAT: row.values.emplace_back(sqlite3_column_double(stmt, c)); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
    }
    result.rows.push_back(std::move(row));
  }
  result.affected = sqlite3_changes64(db_);
  return result;
}

std::int64_t SqliteConnection::insert_id(const std::string& insert_sql, std::span<const Value> params) {
  // After the statement the last rowid is its own row's: rows its triggers insert set it only while
  // they run. A statement that inserted no row would leave an older id: refused, not returned.
  if (exec(insert_sql, params).affected != 1)
    throw std::runtime_error("SQLite: an insert of one row inserted none (in: " + insert_sql.substr(0, 80) + ")");
  return sqlite3_last_insert_rowid(db_);
}

void SqliteConnection::exec_script(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    if ((rc & 0xFF) == SQLITE_BUSY) throw Unavailable(msg);
    throw std::runtime_error("SQLite: " + msg);
  }
}

// ---------------------------------------------------------------- database

namespace {
// SQLite keeps memory statistics by default, under one process-wide mutex taken by every
// allocation of every connection. Nothing here reads them (sqlite3_status), so they only cost:
// off, as SQLite's own "recommended compile-time options" advise. Must precede the library's
// initialisation (the first open); a later call is refused (SQLITE_MISUSE) and harmless.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

SqliteDatabase::SqliteDatabase(std::string path) : path_(std::move(path)) {
  configure_sqlite_once();
  writer_conn_ = std::make_unique<SqliteConnection>(path_);
  writer_ = std::thread([this] { writer_loop(); });
}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  writer_.join();
}

std::size_t SqliteDatabase::queued_writes() {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

// The job is queued only once the caller is suspended, so the writer's resume can never come
// before the suspension it ends; shutting down, the caller is resumed at once and refused.
void SqliteDatabase::queue_suspended(Job& job, CommitWait& wait) {
  bool refused = false;
  wait.suspend([&](std::function<void()> resume) {
    job.resume = std::move(resume);
    {
      std::lock_guard lock(queue_mutex_);
      refused = stopping_;
      if (!refused) queue_.push_back(&job);
    }
    if (!refused) {
      queue_cv_.notify_one();
      return;
    }
    auto now = std::move(job.resume);
    now();
  });
  if (refused) throw Unavailable("database is shutting down");
}

void SqliteDatabase::write(const std::function<void(Connection&)>& work) {
  const auto started = std::chrono::steady_clock::now();
  Job job{&work, nullptr, nullptr, current_request_id(), {}};
  // A fiber (store/commit_wait.hpp) gives its thread to other requests until the batch committed.
  if (auto* wait = current_commit_wait())
    queue_suspended(job, *wait);
  else
    queue_and_block(job);
  if (job.error) std::rethrow_exception(job.error);
  if (auto* o = observer())
    o->transaction(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

void SqliteDatabase::queue_and_block(Job& job) {
  std::unique_ptr<Waiter> waiter;
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) throw Unavailable("database is shutting down");
    if (idle_waiters_.empty()) {
      waiter = std::make_unique<Waiter>();
    } else {
      waiter = std::move(idle_waiters_.back());
      idle_waiters_.pop_back();
    }
    waiter->done = false;  // its last job's writer set it under waiter->mutex, before we could take it
    job.waiter = waiter.get();
    queue_.push_back(&job);
  }
  queue_cv_.notify_one();
  {
    std::unique_lock lock(waiter->mutex);
    waiter->cv.wait(lock, [&] { return waiter->done; });
  }
  std::lock_guard lock(queue_mutex_);
  idle_waiters_.push_back(std::move(waiter));
}

void SqliteDatabase::migrate_step(const std::function<void(Connection&)>& work) {
  // Its own connection, because `PRAGMA foreign_keys` is ignored inside a transaction and the
  // writer's connection is always in one while it works. BEGIN IMMEDIATE waits for the writer.
  SqliteConnection conn(path_);
  conn.exec_script("PRAGMA foreign_keys=OFF");
  conn.exec("BEGIN IMMEDIATE", {});
  try {
    work(conn);
    if (!conn.exec("PRAGMA foreign_key_check", {}).rows.empty())
      throw std::runtime_error("SQLite: a migration left rows that break a foreign key");
    conn.exec("COMMIT", {});
  } catch (...) {
    try {
      conn.exec_script("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

void SqliteDatabase::writer_loop() {
  // Named, so `top -H` and bench/writer-busy.sh can tell the thread every write waits for.
  pthread_setname_np(pthread_self(), "gp-sqlite-write");
  constexpr std::size_t kMaxBatch = 512;
  std::vector<Job*> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained: nothing acknowledged is dropped
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
    }
    run_batch(batch);
    for (Job* job : batch) {
      if (job->resume) {
        // Moved out first: once resumed, the caller may be gone with its job, on another thread.
        auto resume = std::move(job->resume);
        resume();
        continue;
      }
      Waiter* w = job->waiter;  // `job` is gone once its caller sees `done`; the waiter is not
      {
        std::lock_guard lock(w->mutex);
        w->done = true;
      }
      w->cv.notify_one();
    }
    batch.clear();
  }
}

std::unique_ptr<SqliteConnection> SqliteDatabase::take_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
  }
  return std::make_unique<SqliteConnection>(path_);
}

void SqliteDatabase::return_reader(std::unique_ptr<SqliteConnection> conn) {
  if (!conn) return;
  std::lock_guard lock(readers_mutex_);
  idle_readers_.push_back(std::move(conn));
}

void SqliteDatabase::read(const std::function<void(Connection&)>& work) {
  auto conn = take_reader();
  // A deferred transaction gives the work one consistent snapshot across its statements.
  conn->exec("BEGIN", {});
  try {
    work(*conn);
    conn->exec("COMMIT", {});
  } catch (...) {
    try {
      conn->exec_script("ROLLBACK");
    } catch (...) {
      conn.reset();  // unusable: drop it instead of returning it to the pool
    }
    return_reader(std::move(conn));
    throw;
  }
  return_reader(std::move(conn));
}

void SqliteDatabase::read_one(const std::function<void(Connection&)>& work) {
  auto conn = take_reader();
  try {
    work(*conn);  // autocommit: every statement is its own read transaction
  } catch (...) {
    return_reader(std::move(conn));
    throw;
  }
  return_reader(std::move(conn));
}

}  // namespace gatepass::store
