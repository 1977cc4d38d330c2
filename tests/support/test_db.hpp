#pragma once
// Every store/API test runs once per backend: SQLite always, PostgreSQL when the test scripts
// started one (GATEPASS_TEST_PG_URL). GATEPASS_REQUIRE_PG=1 turns a missing PostgreSQL into a
// failure, so CI cannot silently test only SQLite.
#include <memory>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "store/db.hpp"

namespace gatepass::testing {

std::vector<std::string> backends();  // "sqlite", "postgresql"
// "postgresql" when it is there, else none (a suite that needs it: GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST).
std::vector<std::string> postgres_only();

// A new, empty, migrated database on the backend; dropped/removed when the handle dies.
struct TestDatabase {
  std::unique_ptr<store::Database> db;
  std::string url;
  std::string cleanup;  // database name (PostgreSQL) or file (SQLite)
  std::string backend;
  ~TestDatabase();
};
std::unique_ptr<TestDatabase> fresh_database(const std::string& backend);

app::Config test_config(const std::string& data_dir);
std::string temp_dir();

}  // namespace gatepass::testing
