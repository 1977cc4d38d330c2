#pragma once
// Versioned schema migrations (src/store/migrations/<dialect>/NNN_name.sql), compiled in by
// cmake/embed_sql.cmake and recorded in `schema_migrations` once applied.
#include <string>
#include <vector>

#include "store/db.hpp"

namespace gatepass::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

// Applies every migration newer than the database's version, each in its own transaction.
// Safe when several instances start at once (PostgreSQL: advisory lock). Returns how many ran.
int migrate(Database& db);
int schema_version(Database& db);
// Read only (readiness): the newest applied migration, and the newest this build knows.
int applied_version(Connection& c);
int latest_version(Dialect d);

}  // namespace gatepass::store
