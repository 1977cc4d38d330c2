#pragma once
// The one small database interface both backends implement. SQL is written once, with `?`
// placeholders, in the repositories (store/*_repo.cpp); each backend prepares and caches
// statements by their text. Nothing above src/store sees SQL.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace gatepass::store {

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// A nullable column's parameter: the value, or NULL.
template <class T>
Value opt(const std::optional<T>& v) {
  return v ? Value{*v} : Value{nullptr};
}

// "%text%" for `LIKE ? ESCAPE '\\'`: % and _ in the text match literally (a search for "50%").
std::string like_pattern(const std::string& text);

struct Row {
  std::vector<Value> values;
  bool is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(values.at(i)); }
  std::int64_t integer(std::size_t i) const;
  std::string text(std::size_t i) const;
  std::optional<std::int64_t> opt_integer(std::size_t i) const;
  std::optional<std::string> opt_text(std::size_t i) const;
};

struct Result {
  std::vector<Row> rows;
  std::int64_t affected = 0;  // rows changed by INSERT/UPDATE/DELETE
};

enum class Dialect { sqlite, postgres };

// Thrown for a UNIQUE/PRIMARY KEY violation: the caller turns it into a domain conflict.
struct UniqueViolation : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The database is busy, gone or failed; nothing was committed. Maps to 503.
struct Unavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The connection failed while COMMIT was under way: the transaction may or may not have been
// committed. Callers must not undo side effects outside the database (files) on this one.
struct CommitOutcomeUnknown : Unavailable {
  using Unavailable::Unavailable;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Result exec(const std::string& sql, std::span<const Value> params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual void exec_script(const std::string& sql) = 0;
  virtual Dialect dialect() const = 0;
  // A write whose result nobody reads (an audit row, a queued mail, a link). It runs, in order,
  // before the next statement or the commit, whichever comes first; on PostgreSQL in that one's
  // round trip (libpq pipeline mode). An error in it fails the transaction there, as it would have
  // here, so nothing changes for the caller except where the exception surfaces.
  virtual void exec_deferred(const std::string& sql, std::span<const Value> params) { exec(sql, params); }
  // A one-row INSERT (no RETURNING, no ON CONFLICT) and the new row's id. PostgreSQL: the statement
  // with "RETURNING id". SQLite overrides it with the connection's last rowid, because a RETURNING
  // clause there buffers the row in a temporary b-tree opened and closed on every execution
  // (issue 20: one on every check-in, two on every approval and registration).
  virtual std::int64_t insert_id(const std::string& insert_sql, std::span<const Value> params) {
    return exec(insert_sql + " RETURNING id", params).rows.at(0).integer(0);
  }
  // Convenience for brace lists: c.query(sql, {a, b}).
  Result query(const std::string& sql, std::initializer_list<Value> params) {
    return exec(sql, std::span<const Value>(params.begin(), params.size()));
  }
  std::int64_t insert(const std::string& insert_sql, std::initializer_list<Value> params) {
    return insert_id(insert_sql, std::span<const Value>(params.begin(), params.size()));
  }
  void defer(const std::string& sql, std::initializer_list<Value> params) {
    exec_deferred(sql, std::span<const Value>(params.begin(), params.size()));
  }
};

// Tells every instance sharing the database which events changed (PostgreSQL LISTEN/NOTIFY on
// channel `gatepass_live`), so live streams on all instances follow a check-in made on any one.
// Used by one thread at a time (the live hub's).
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Announces changes to every listening instance, this one included. May throw Unavailable.
  virtual void publish(const std::vector<std::int64_t>& event_ids) = 0;
  // Waits up to `timeout_ms` for announcements; returns the event ids announced (maybe repeated).
  virtual std::vector<std::int64_t> wait(int timeout_ms) = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  // Runs `work` inside one transaction and returns after it is durably committed. Work may be
  // re-run if the backend asks for a retry (serialization failure), so it must not have side
  // effects outside the connection. Exceptions from `work` roll back its changes and propagate.
  virtual void write(const std::function<void(Connection&)>& work) = 0;
  // Runs `work` on a connection that sees a consistent, committed snapshot.
  virtual void read(const std::function<void(Connection&)>& work) = 0;
  // Like read(), but without opening a transaction: each statement sees its own committed
  // snapshot. Cheaper (PostgreSQL: one round trip instead of three) and exactly as consistent
  // for work that runs a single statement, such as a point lookup on the check-in path.
  virtual void read_one(const std::function<void(Connection&)>& work) = 0;
  // A schema migration: one transaction like write(), but on SQLite with foreign-key enforcement
  // off (checked with foreign_key_check before COMMIT), which SQLite needs to rebuild a table.
  virtual void migrate_step(const std::function<void(Connection&)>& work) { write(work); }
  virtual Dialect dialect() const = 0;
  virtual std::string_view name() const = 0;
  // A feed of other instances' changes, or nullptr when there can be no other instance (SQLite).
  virtual std::unique_ptr<ChangeFeed> open_change_feed() { return nullptr; }
};

// "sqlite:///abs/path.db", "sqlite://relative.db" or "postgresql://…" / "postgres://…";
// a "+driver" after the scheme (SQLAlchemy style) is ignored.
std::unique_ptr<Database> open_database(const std::string& url);
std::string normalise_database_url(const std::string& url);

}  // namespace gatepass::store
