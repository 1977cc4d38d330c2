#include "store/postgres/pg_database.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <exception>
#include <memory>
#include <thread>

#include "store/commit_wait.hpp"

namespace gatepass::store {

namespace {
// Type OIDs from PostgreSQL's pg_type.h (stable across versions).
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701;

// `?` placeholders -> `$1, $2, …`. Our SQL never has `?` inside string literals.
std::string to_pg_placeholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  for (char c : sql) {
    if (c == '?') out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

[[noreturn]] void throw_state(const std::string& code, const std::string& msg) {
  if (code == "23505") throw UniqueViolation(msg);
  if (code == "40001" || code == "40P01") throw RetryTransaction(msg);
  if (code.empty() || code.starts_with("08") || code == "57P01" || code == "53300") throw Unavailable(msg);
  throw std::runtime_error("PostgreSQL: " + msg);
}

[[noreturn]] void throw_for(PGresult* res, PGconn* conn, const std::string& sql) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  const std::string msg = std::string(PQerrorMessage(conn)) + " (in: " + sql.substr(0, 80) + ")";
  if (res) PQclear(res);
  throw_state(code, msg);
}

Result to_result(PGresult* res) {
  Result result;
  const int rows = PQntuples(res), cols = PQnfields(res);
  result.rows.reserve(rows);
  for (int r = 0; r < rows; ++r) {
    Row row;
    row.values.reserve(cols);
    for (int c = 0; c < cols; ++c) {
      if (PQgetisnull(res, r, c)) {
        row.values.emplace_back(nullptr);
        continue;
      }
      const char* v = PQgetvalue(res, r, c);
      const Oid type = PQftype(res, c);
      if (type == kInt8 || type == kInt4 || type == kInt2) row.values.emplace_back(static_cast<std::int64_t>(std::strtoll(v, nullptr, 10)));
      else if (type == kFloat8 || type == kFloat4) row.values.emplace_back(std::strtod(v, nullptr));
      else row.values.emplace_back(std::string(v, static_cast<std::size_t>(PQgetlength(res, r, c))));
    }
    result.rows.push_back(std::move(row));
  }
  const char* tuples = PQcmdTuples(res);
  result.affected = (tuples && *tuples) ? std::strtoll(tuples, nullptr, 10) : 0;
  return result;
}
}  // namespace

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  exec_script("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
}

PgConnection::~PgConnection() { PQfinish(conn_); }

const std::string& PgConnection::prepare(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    if (PQsendPrepare(conn_, name.c_str(), to_pg_placeholders(sql).c_str(), 0, nullptr) != 1) throw_for(nullptr, conn_, sql);
    PGresult* res = last_result();
    if (PQresultStatus(res) != PGRES_COMMAND_OK) throw_for(res, conn_, sql);
    PQclear(res);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  return it->second;
}

PgConnection::Pending PgConnection::pending_for(const std::string& sql, std::span<const Value> params) {
  Pending p{sql, prepare(sql), {}};
  // Text-format parameters: libpq converts them using the column types PostgreSQL inferred.
  p.params.reserve(params.size());
  for (const auto& v : params) {
    if (std::holds_alternative<std::nullptr_t>(v)) p.params.emplace_back(std::nullopt);
    else if (auto i = std::get_if<std::int64_t>(&v)) p.params.emplace_back(std::to_string(*i));
    else if (auto d = std::get_if<double>(&v)) p.params.emplace_back(std::to_string(*d));
    else p.params.emplace_back(std::get<std::string>(v));
  }
  return p;
}

std::vector<const char*> PgConnection::param_values(const Pending& p) {
  std::vector<const char*> values;
  values.reserve(p.params.size());
  for (const auto& v : p.params) values.push_back(v ? v->c_str() : nullptr);
  return values;
}

PGresult* PgConnection::next_result() {
  // In a fiber (store/commit_wait.hpp) the wait for the answer gives the thread back; elsewhere
  // PQgetResult blocks the thread until the answer is there.
  if (auto* wait = current_commit_wait()) {
    while (PQisBusy(conn_)) {
      wait->wait_readable(PQsocket(conn_));
      if (PQconsumeInput(conn_) != 1) break;  // the connection failed: PQgetResult says how
    }
  }
  return PQgetResult(conn_);
}

PGresult* PgConnection::last_result() {
  // As PQexec: every result of the command is read, the last one kept (an error wins).
  PGresult* kept = nullptr;
  while (PGresult* res = next_result()) {
    if (kept && PQresultStatus(kept) == PGRES_FATAL_ERROR) {
      PQclear(res);
      continue;
    }
    if (kept) PQclear(kept);
    kept = res;
  }
  return kept;
}

Result PgConnection::exec(const std::string& sql, std::span<const Value> params) {
  auto p = pending_for(sql, params);
  if (!deferred_.empty()) return pipeline(std::move(p));
  const auto values = param_values(p);
  if (PQsendQueryPrepared(conn_, p.name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0) != 1)
    throw_for(nullptr, conn_, sql);
  PGresult* res = last_result();
  const auto status = PQresultStatus(res);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) throw_for(res, conn_, sql);
  auto result = to_result(res);
  PQclear(res);
  return result;
}

void PgConnection::exec_deferred(const std::string& sql, std::span<const Value> params) {
  deferred_.push_back(pending_for(sql, params));
}

Result PgConnection::pipeline(std::optional<Pending> last) {
  std::vector<Pending> batch = std::move(deferred_);
  deferred_.clear();
  const bool wants_result = last.has_value();
  if (last) batch.push_back(std::move(*last));
  if (PQenterPipelineMode(conn_) != 1) throw Unavailable("PostgreSQL: cannot enter pipeline mode: " + std::string(PQerrorMessage(conn_)));
  bool sent = true;
  for (const auto& p : batch) {
    if (p.name.empty()) {
      sent = PQsendQueryParams(conn_, p.sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
      if (sent && (p.sql.starts_with("BEGIN"))) transaction_sent_ = true;
    } else {
      const auto values = param_values(p);
      sent = PQsendQueryPrepared(conn_, p.name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0) == 1;
    }
    if (!sent) break;
  }
  if (!sent || PQpipelineSync(conn_) != 1) {
    // The connection failed while sending, or is stuck mid-pipeline: never reuse it (healthy()
    // is false from here, so the pool drops it).
    broken_ = true;
    throw Unavailable("PostgreSQL: sending a pipeline failed: " + std::string(PQerrorMessage(conn_)));
  }
  // Each statement answers with its result(s) then a NULL; after an error the rest are
  // PGRES_PIPELINE_ABORTED; the sync ends it all.
  Result out;
  std::string error_code, error_message;
  bool failed = false;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    PGresult* res = next_result();
    if (!res) {  // the connection broke while reading
      failed = true;
      error_message = PQerrorMessage(conn_);
      break;
    }
    const auto status = PQresultStatus(res);
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      if (wants_result && i + 1 == batch.size()) out = to_result(res);
    } else if (status != PGRES_PIPELINE_ABORTED && !failed) {
      failed = true;
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      error_code = state ? state : "";
      error_message = std::string(PQresultErrorMessage(res)) + " (in: " + batch[i].sql.substr(0, 80) + ")";
    }
    PQclear(res);
    while ((res = next_result()) != nullptr) PQclear(res);
  }
  if (PQstatus(conn_) == CONNECTION_OK) {
    PGresult* sync = next_result();
    if (sync) PQclear(sync);
    if (PQexitPipelineMode(conn_) != 1) broken_ = true;
  } else {
    broken_ = true;
  }
  if (failed) throw_state(PQstatus(conn_) == CONNECTION_OK ? error_code : "", error_message);
  return out;
}

void PgConnection::begin(const char* begin_sql) {
  deferred_.clear();
  transaction_sent_ = false;
  deferred_.push_back(Pending{begin_sql, "", {}});
}

void PgConnection::commit() {
  pipeline(Pending{"COMMIT", "", {}});
  transaction_sent_ = false;
}

void PgConnection::rollback() {
  deferred_.clear();
  if (transaction_sent_ && healthy()) {
    try { exec_script("ROLLBACK"); } catch (...) {}
  }
  transaction_sent_ = false;
}

void PgConnection::exec_script(const std::string& sql) {
  // A script may hold several statements, which only the simple protocol runs: send what was
  // deferred first (BEGIN included), then the script.
  if (!deferred_.empty()) pipeline(std::nullopt);
  if (PQsendQuery(conn_, sql.c_str()) != 1) throw_for(nullptr, conn_, sql);
  PGresult* res = last_result();
  const auto status = PQresultStatus(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_for(res, conn_, sql);
  PQclear(res);
}

PgDatabase::PgDatabase(std::string url, std::size_t pool_size) : url_(std::move(url)), pool_size_(pool_size) {
  if (pool_size_ == 0) {
    const char* env = std::getenv("GATEPASS_DB_POOL");
    pool_size_ = env ? std::max(1L, std::strtol(env, nullptr, 10)) : 16;
  }
  release(std::make_unique<PgConnection>(url_));  // fail fast on a wrong URL
  open_ = 1;
}

std::unique_ptr<PgConnection> PgDatabase::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    if (open_ < pool_size_) {
      ++open_;
      lock.unlock();
      try {
        return connect();
      } catch (...) {
        lock.lock();
        --open_;
        throw;
      }
    }
    ++waiting_;
    if (auto* wait = current_commit_wait()) {
      // A fiber must not block its thread: the connections it waits for may belong to fibers
      // suspended on the same thread. It is resumed by the next release (no 10 s limit here: every
      // connection taken is given back when its request's transaction ends).
      lock.unlock();
      wait->suspend([this](std::function<void()> resume) {
        std::lock_guard relock(mutex_);
        if (!idle_.empty() || open_ < pool_size_) resume();  // freed while the fiber was suspending
        else fibers_waiting_.push_back(std::move(resume));
      });
      lock.lock();
      --waiting_;
      continue;
    }
    const bool got = available_.wait_for(lock, std::chrono::seconds(10), [&] { return !idle_.empty() || open_ < pool_size_; });
    --waiting_;
    if (!got)
      throw Unavailable("no database connection became free within 10 s");
  }
}

std::unique_ptr<PgConnection> PgDatabase::connect() {
  auto* wait = current_commit_wait();
  if (!wait) return std::make_unique<PgConnection>(url_);
  // Opening a connection takes as long as the network lets it (a server that drops packets: the
  // TCP connect timeout, minutes), too long to hold an I/O thread: a fiber has it opened on a
  // thread of its own and waits suspended. Rare: only while the pool fills or after a break.
  struct Outcome {
    std::unique_ptr<PgConnection> conn;
    std::exception_ptr failed;
  };
  auto outcome = std::make_shared<Outcome>();
  wait->suspend([url = url_, outcome](std::function<void()> resume) {
    std::thread([url, outcome, resume = std::move(resume)] {
      try {
        outcome->conn = std::make_unique<PgConnection>(url);
      } catch (...) {
        outcome->failed = std::current_exception();
      }
      resume();
    }).detach();
  });
  if (outcome->failed) std::rethrow_exception(outcome->failed);
  return std::move(outcome->conn);
}

PoolStats PgDatabase::pool_stats() const {
  std::lock_guard lock(mutex_);
  return {pool_size_, open_, open_ - std::min(open_, idle_.size()), waiting_};
}

void PgDatabase::release(std::unique_ptr<PgConnection> conn) {
  std::function<void()> resume;
  {
    std::lock_guard lock(mutex_);
    if (conn && conn->healthy()) idle_.push_back(std::move(conn));
    else --open_;  // broken connections are dropped; a new one is opened on demand
    if (!fibers_waiting_.empty()) {
      resume = std::move(fibers_waiting_.front());
      fibers_waiting_.erase(fibers_waiting_.begin());
    }
  }
  available_.notify_one();
  if (resume) resume();  // posts the fiber to its executor; it takes the connection if still free
}

void PgDatabase::run(const char* begin_sql, const std::function<void(Connection&)>& work) {
  constexpr int kAttempts = 8;
  const auto started = std::chrono::steady_clock::now();
  const bool writes = begin_sql[5] == '\0';  // "BEGIN": a write, not a read snapshot
  for (int attempt = 1;; ++attempt) {
    auto conn = acquire();
    std::exception_ptr failed;
    std::optional<std::string> retry_because;
    try {
      conn->begin(begin_sql);  // sent with the first statement
      work(*conn);
      try {
        const auto commit_start = std::chrono::steady_clock::now();
        conn->commit();  // with the deferred writes, in one round trip
        if (auto* o = observer(); o && writes) {
          const auto end = std::chrono::steady_clock::now();
          o->commit(1, std::chrono::duration<double>(end - commit_start).count());
          o->transaction(std::chrono::duration<double>(end - started).count());
        }
      } catch (const CommitOutcomeUnknown&) {
        throw;
      } catch (const Unavailable& e) {
        // The server may have committed before the connection broke; we cannot tell. (An error
        // in a deferred write is not Unavailable: the pipeline then never ran the COMMIT.)
        throw CommitOutcomeUnknown(std::string("commit outcome unknown: ") + e.what());
      }
      release(std::move(conn));
      return;
    } catch (const RetryTransaction& e) {
      retry_because = e.what();
    } catch (...) {
      failed = std::current_exception();
    }
    // Out of the catch blocks, so that a fiber's ROLLBACK gives its thread back as any statement
    // does (store/commit_wait.hpp: inside one it would block the thread).
    conn->rollback();
    release(std::move(conn));
    if (failed) std::rethrow_exception(failed);
    if (attempt == kAttempts) throw Unavailable("gave up after retries: " + *retry_because);
    // Rare (40001, 40P01); in a fiber this short back-off holds its I/O thread.
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt * 2));  // back off, then re-run
  }
}

void PgDatabase::write(const std::function<void(Connection&)>& work) { run("BEGIN", work); }

void PgDatabase::read(const std::function<void(Connection&)>& work) {
  run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", work);
}

void PgDatabase::read_one(const std::function<void(Connection&)>& work) {
  auto conn = acquire();
  try {
    work(*conn);  // autocommit: no BEGIN/COMMIT round trips
  } catch (...) {
    release(std::move(conn));
    throw;
  }
  release(std::move(conn));
}

}  // namespace gatepass::store
