#include "support/test_db.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "domain/crypto.hpp"
#include "store/migrations.hpp"

namespace gatepass::testing {

namespace {
std::optional<std::string> pg_url() {
  const char* v = std::getenv("GATEPASS_TEST_PG_URL");
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

void pg_admin(const std::string& sql) {
  PGconn* c = PQconnectdb(pg_url()->c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot reach test PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // "does not exist, skipping"
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string msg = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("test PostgreSQL: " + msg);
}

// Replaces the database name at the end of a postgresql:// URL.
std::string with_database(const std::string& url, const std::string& name) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + name + (query == std::string::npos ? "" : url.substr(query));
}
}  // namespace

std::vector<std::string> backends() {
  std::vector<std::string> out{"sqlite"};
  if (pg_url()) out.push_back("postgresql");
  else if (const char* req = std::getenv("GATEPASS_REQUIRE_PG"); req && std::string(req) == "1")
    throw std::runtime_error("GATEPASS_REQUIRE_PG=1 but GATEPASS_TEST_PG_URL is not set");
  return out;
}

std::vector<std::string> postgres_only() {
  std::vector<std::string> out;
  for (const auto& b : backends())
    if (b == "postgresql") out.push_back(b);
  return out;
}

std::string temp_dir() {
  static std::atomic<int> counter{0};
  const auto dir = std::filesystem::temp_directory_path() /
                   ("gatepass-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::unique_ptr<TestDatabase> fresh_database(const std::string& backend) {
  crypto::init();
  auto t = std::make_unique<TestDatabase>();
  t->backend = backend;
  if (backend == "sqlite") {
    t->cleanup = temp_dir();
    t->url = "sqlite://" + t->cleanup + "/test.db";
  } else {
    static std::atomic<int> counter{0};
    t->cleanup = "gp_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    pg_admin("DROP DATABASE IF EXISTS " + t->cleanup);
    pg_admin("CREATE DATABASE " + t->cleanup);
    t->url = with_database(*pg_url(), t->cleanup);
  }
  t->db = store::open_database(t->url);
  store::migrate(*t->db);
  return t;
}

TestDatabase::~TestDatabase() {
  db.reset();  // close connections first
  try {
    if (backend == "sqlite") std::filesystem::remove_all(cleanup);
    else pg_admin("DROP DATABASE IF EXISTS " + cleanup + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cleanup failed: " << e.what();
  }
}

app::Config test_config(const std::string& data_dir) {
  app::Config c;
  c.secret_key = "test-only-0123456789abcdef0123456789abcdef";
  c.data_dir = data_dir;
  // Tests register hundreds of times from 127.0.0.1; the limit has its own tests.
  c.public_writes_per_minute = 0;
  return c;
}

}  // namespace gatepass::testing
