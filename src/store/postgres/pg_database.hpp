#pragma once
// PostgreSQL backend: a fixed pool of libpq connections shared by all request threads. Every
// write runs in its own READ COMMITTED transaction and relies on conditional writes and unique
// constraints (never read-then-write), so several gatepass instances can share one database.
// Serialization failures and deadlocks are retried a few times before giving up with 503.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <unordered_map>

#include "store/db.hpp"
#include "store/observer.hpp"

namespace gatepass::store {

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  Result exec(const std::string& sql, std::span<const Value> params) override;
  void exec_deferred(const std::string& sql, std::span<const Value> params) override;
  void exec_script(const std::string& sql) override;
  Dialect dialect() const override { return Dialect::postgres; }
  bool healthy() const { return !broken_ && PQstatus(conn_) == CONNECTION_OK; }

  // A transaction whose BEGIN travels with its first statement, and whose deferred writes travel
  // with its COMMIT: a write transaction costs no round trip of its own.
  void begin(const char* begin_sql);
  void commit();
  // After an error: ROLLBACK if anything reached the server, and forget what did not.
  void rollback();

 private:
  // One statement for a pipeline: a prepared statement with its parameters as text, or (empty
  // `name`) a parameterless command such as BEGIN or COMMIT.
  struct Pending {
    std::string sql;
    std::string name;
    std::vector<std::optional<std::string>> params;
  };
  const std::string& prepare(const std::string& sql);
  Pending pending_for(const std::string& sql, std::span<const Value> params);
  static std::vector<const char*> param_values(const Pending& p);  // libpq's view of p.params
  // Sends the deferred statements and `last` (if any) in one pipeline; returns `last`'s result.
  Result pipeline(std::optional<Pending> last);
  // The next result of what was sent (nullptr: that statement's results are all read).
  PGresult* next_result();
  // All results of one command sent outside a pipeline; the last (or the error), as PQexec returns.
  PGresult* last_result();

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text -> statement name
  std::vector<Pending> deferred_;
  bool transaction_sent_ = false;  // a BEGIN reached the server (so ROLLBACK is needed on error)
  bool broken_ = false;  // a pipeline failed half-sent: never reuse this connection
};

// Thrown inside a transaction when PostgreSQL asks for a retry (40001, 40P01).
struct RetryTransaction : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class PgDatabase final : public Database {
 public:
  explicit PgDatabase(std::string url, std::size_t pool_size = 0);

  void write(const std::function<void(Connection&)>& work) override;
  void read(const std::function<void(Connection&)>& work) override;
  void read_one(const std::function<void(Connection&)>& work) override;
  Dialect dialect() const override { return Dialect::postgres; }
  std::string_view name() const override { return "postgresql"; }
  std::unique_ptr<ChangeFeed> open_change_feed() override;
  PoolStats pool_stats() const;

 private:
  std::unique_ptr<PgConnection> acquire();
  std::unique_ptr<PgConnection> connect();  // a new connection, off the thread in a fiber
  void release(std::unique_ptr<PgConnection> conn);
  void run(const char* begin_sql, const std::function<void(Connection&)>& work);

  std::string url_;
  std::size_t pool_size_;
  std::size_t open_ = 0;
  std::size_t waiting_ = 0;  // callers waiting in acquire()
  mutable std::mutex mutex_;
  std::condition_variable available_;  // for threads that wait
  std::vector<std::function<void()>> fibers_waiting_;  // to resume fibers that wait (store/commit_wait.hpp)
  std::vector<std::unique_ptr<PgConnection>> idle_;
};

}  // namespace gatepass::store
