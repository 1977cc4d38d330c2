#include "store/migrations.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace gatepass::store {

namespace {
const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

int schema_version(Database& db) {
  int version = 0;
  db.write([&](Connection& c) {
    c.exec_script(kCreateTable);
    auto r = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
    version = static_cast<int>(r.rows.at(0).integer(0));
  });
  return version;
}

int applied_version(Connection& c) {
  auto r = c.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  return static_cast<int>(r.rows.at(0).integer(0));
}

int latest_version(Dialect d) {
  const auto& list = d == Dialect::sqlite ? sqlite_migrations() : postgres_migrations();
  return list.empty() ? 0 : list.back().version;
}

int migrate(Database& db) {
  const auto& list = db.dialect() == Dialect::sqlite ? sqlite_migrations() : postgres_migrations();
  int applied = 0;
  for (const auto& m : list) {
    bool ran = false;
    db.migrate_step([&](Connection& c) {
      if (c.dialect() == Dialect::postgres) {
        // Serialises concurrent starters; released at the end of this transaction.
        c.exec_script("SELECT pg_advisory_xact_lock(4242001)");
      }
      c.exec_script(kCreateTable);
      auto r = c.query("SELECT 1 FROM schema_migrations WHERE version = ?", {std::int64_t{m.version}});
      if (!r.rows.empty()) return;
      c.exec_script(m.sql);
      c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
              {std::int64_t{m.version}, std::string(m.name), now_ms()});
      ran = true;
    });
    if (ran) {
      spdlog::info("applied migration {}", m.name);
      ++applied;
    }
  }
  return applied;
}

}  // namespace gatepass::store
