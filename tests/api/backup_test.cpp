// `gatepass backup` taken by a second process while the server is under registration and check-in
// load, restored with `gatepass restore` into a new directory and served by `gatepass serve`:
// every write acknowledged before the backup started is there, the copy passes
// PRAGMA integrity_check, and a ticket issued before still verifies (same key).
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "app/attachments.hpp"
#include "support/api_fixture.hpp"
#include "store/migrations.hpp"
#include "support/run_command.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace fs = std::filesystem;

namespace {

const std::string kGatepass = GATEPASS_BINARY;

// Runs the gatepass binary with `args` (no shell), settings only from the arguments; returns the
// exit code, with stdout and stderr in `output`.
int run_gatepass(const std::vector<std::string>& args, std::string& output, const std::string& log) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    for (const char* v : {"DATABASE_URL", "SECRET_KEY", "GATEPASS_DATA_DIR", "GATEPASS_PORT", "GATEPASS_HOST"}) ::unsetenv(v);
    std::vector<char*> argv{const_cast<char*>(kGatepass.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(kGatepass.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::ifstream in(log);
  std::stringstream ss;
  ss << in.rdbuf();
  output = ss.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

unsigned short free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

// `gatepass serve` in the background until the object dies.
struct ServedDir {
  pid_t pid = -1;
  unsigned short port = free_port();
  ServedDir(const std::string& data_dir, const std::string& log) {
    const std::string port_text = std::to_string(port);
    pid = ::fork();
    if (pid == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      for (const char* v : {"DATABASE_URL", "SECRET_KEY", "GATEPASS_DATA_DIR", "GATEPASS_PORT", "GATEPASS_HOST",
                            "GATEPASS_ADMIN_PASSWORD"})
        ::unsetenv(v);
      ::execl(kGatepass.c_str(), kGatepass.c_str(), "serve", "--data-dir", data_dir.c_str(), "--port", port_text.c_str(),
              "--threads", "2", static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~ServedDir() {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  // Health answers 200, or the process ended, or 30 s passed.
  bool wait_healthy() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid = -1;
        return false;
      }
      try {
        HttpClient c(port);
        if (c.get("/api/health").status == 200) return true;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling for a condition, with a deadline
    }
    return false;
  }
};

}  // namespace

class Backup : public ApiFixture {};

TEST_P(Backup, TakenUnderLoadRestoresEveryAcknowledgedWriteAndServes) {
  // The layout `gatepass backup` reads: the key as a file in the data directory, an attachment.
  { std::ofstream(data_dir + "/secret.key") << ctx->config.secret_key << "\n"; }
  const std::string png("\x89PNG\r\n\x1a\nbackup-test-bytes", 25);
  const auto attachment = app::save_attachment(data_dir + "/attachments", png, "png");

  const auto event_id = create_event_http({{"name", "Backup Night"}, {"requires_approval", true}});
  const auto old_ticket = issued_ticket(event_id);  // never scanned: verifies as valid after the restore
  std::vector<boost::json::object> to_scan;
  for (int i = 0; i < 160; ++i) to_scan.push_back(issued_ticket(event_id));
  const auto scanner = token_for_new_user("gate1", "scanner");

  // Load: two threads register, two check in. A write counts as "before the backup" when its
  // answer arrived before `backup_started` was set (read after the answer).
  std::atomic<bool> backup_started{false}, backup_done{false}, stop{false};
  std::atomic<int> acked{0}, acked_during{0}, registrations_acked{0};
  std::mutex m;
  std::vector<std::int64_t> registrations_before;
  std::vector<std::string> scans_before;
  std::vector<std::thread> load;
  for (int t = 0; t < 2; ++t)
    load.emplace_back([&, t] {
      HttpClient c(port);
      for (int i = 0; !stop; ++i) {
        auto r = c.post_json("/api/register", {{"event_id", event_id}, {"name", "Load " + std::to_string(t) + "-" + std::to_string(i)},
                                               {"email", "load@example.com"}});
        if (r.status != 201) continue;
        const bool before = !backup_started;
        if (backup_started && !backup_done) ++acked_during;
        ++acked;
        ++registrations_acked;
        if (before) {
          std::lock_guard lock(m);
          registrations_before.push_back(r.json().at("id").as_int64());
        }
      }
    });
  for (int t = 0; t < 2; ++t)
    load.emplace_back([&, t] {
      HttpClient c(port);
      for (std::size_t i = static_cast<std::size_t>(t); i < to_scan.size() && !stop; i += 2) {
        const auto serial = str(to_scan[i], "serial");
        auto r = c.post("/api/mark-used/" + url_encode(str(to_scan[i], "qr_payload")), scanner);
        if (r.status != 200) continue;
        const bool before = !backup_started;
        if (backup_started && !backup_done) ++acked_during;
        ++acked;
        if (before) {
          std::lock_guard lock(m);
          scans_before.push_back(serial);
        }
      }
    });
  // The load is going before the backup starts (a condition, not a sleep).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (acked < 40 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  ASSERT_GE(acked.load(), 40) << "the load did not get going";

  const std::string work = temp_dir();
  const std::string archive = work + "/backup.tar.gz";
  std::string out;
  backup_started = true;
  const int rc = run_gatepass({"backup", "--to", archive, "--data-dir", data_dir, "--database-url", tdb->url}, out,
                              work + "/backup.log");
  backup_done = true;
  stop = true;
  for (auto& th : load) th.join();
  ASSERT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("1 attachment(s), secret.key"), std::string::npos) << out;
  EXPECT_GT(acked_during.load(), 0) << "no write was acknowledged while the backup ran: it was not taken under load";
  ASSERT_FALSE(registrations_before.empty());
  ASSERT_FALSE(scans_before.empty());

  const std::string restored = work + "/restored";
  ASSERT_EQ(run_gatepass({"restore", "--from", archive, "--data-dir", restored}, out, work + "/restore.log"), 0) << out;
  EXPECT_EQ(app::load_attachment(restored + "/attachments", attachment), png);
  {
    auto db = store::open_database("sqlite://" + restored + "/gatepass.db");
    db->read([&](store::Connection& c) {
      EXPECT_EQ(c.query("PRAGMA integrity_check", {}).rows.at(0).text(0), "ok");
      std::set<std::int64_t> ids;
      for (const auto& row : c.query("SELECT id FROM registrations", {}).rows) ids.insert(row.integer(0));
      for (const auto id : registrations_before) EXPECT_TRUE(ids.contains(id)) << "registration " << id << " was acknowledged before the backup";
      std::set<std::string> used;
      for (const auto& row : c.query("SELECT serial FROM tickets WHERE used_at IS NOT NULL", {}).rows) used.insert(row.text(0));
      for (const auto& serial : scans_before) EXPECT_TRUE(used.contains(serial)) << serial << " was checked in before the backup";
      // Nor anything invented: at most the registrations ever acknowledged (the load's, the tickets').
      EXPECT_LE(ids.size(), static_cast<std::size_t>(registrations_acked.load()) + 1 + to_scan.size());
    });
  }

  // The restored directory serves: the same key, so a ticket issued before still verifies.
  ServedDir served(restored, work + "/serve.log");
  ASSERT_TRUE(served.wait_healthy()) << [&] {
    std::ifstream in(work + "/serve.log");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }();
  HttpClient c(served.port);
  auto login = c.post_json("/api/auth/login", {{"username", "gate1"}, {"password", "password-for-gate1"}});
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string token(login.json().at("access_token").as_string());
  auto v = c.get("/api/verify-ticket/" + url_encode(str(old_ticket, "qr_payload")), token);
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(str(v.json(), "status"), "valid");
  EXPECT_EQ(str(v.json(), "event_name"), "Backup Night");
  const auto scanned_before = std::find_if(to_scan.begin(), to_scan.end(),
                                           [&](const auto& t) { return str(t, "serial") == scans_before.front(); });
  auto used = c.get("/api/verify-ticket/" + url_encode(str(*scanned_before, "qr_payload")), token);
  EXPECT_EQ(str(used.json(), "status"), "used") << used.body;
}

// The backup copies the SQLite file: only that backend.
INSTANTIATE_TEST_SUITE_P(Sqlite, Backup, ::testing::Values(std::string("sqlite")), backend_name);

// PostgreSQL: the archive holds the attachments (and a key file if there is one), not the
// database; the database goes through pg_dump -Fc / pg_restore exactly as docs/operations.md says.
class BackupPostgres : public ApiFixture {};

namespace {
int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
std::string sq(const std::string& s) { return "'" + s + "'"; }  // our URLs and paths hold no quote
}  // namespace

TEST_P(BackupPostgres, ArchiveHoldsAttachmentsAndPgDumpRestoresTheDatabase) {
  if (shell("command -v pg_dump >/dev/null && command -v pg_restore >/dev/null && command -v createdb >/dev/null") != 0)
    GTEST_SKIP() << "pg_dump, pg_restore or createdb not installed";
  const std::string png("\x89PNG\r\n\x1a\npg-backup-bytes", 23);
  const auto attachment = app::save_attachment(data_dir + "/attachments", png, "png");
  const auto event_id = create_event_http({{"name", "PG Night"}});
  const auto ticket = issued_ticket(event_id);
  register_http(event_id, "Bob");

  const std::string work = temp_dir();
  std::string out;
  ASSERT_EQ(run_gatepass({"backup", "--to", work + "/files.tar.gz", "--data-dir", data_dir, "--database-url", tdb->url}, out,
                         work + "/backup.log"),
            0)
      << out;
  EXPECT_NE(out.find("no database (PostgreSQL: use pg_dump"), std::string::npos) << out;
  EXPECT_EQ(run_command("tar -tzf " + sq(work + "/files.tar.gz") + " | sort | tr '\\n' ' '"),
            "attachments/" + attachment + " manifest.json ");

  // docs/operations.md, "PostgreSQL": dump, then restore into a new, empty database.
  const std::string dump = work + "/gatepass.pgdump";
  ASSERT_EQ(shell("pg_dump -Fc --no-owner -d " + sq(tdb->url) + " -f " + sq(dump)), 0);
  const std::string copy_name = tdb->cleanup + "_restored";
  const std::string admin_url = std::getenv("GATEPASS_TEST_PG_URL");
  const std::string copy_url = admin_url.substr(0, admin_url.rfind('/') + 1) + copy_name;
  ASSERT_EQ(shell("createdb --maintenance-db=" + sq(admin_url) + " " + copy_name), 0);
  struct Drop {
    std::string cmd;
    ~Drop() { shell(cmd); }
  } drop{"dropdb --force --if-exists --maintenance-db=" + sq(admin_url) + " " + copy_name};
  ASSERT_EQ(shell("pg_restore --no-owner --exit-on-error -d " + sq(copy_url) + " " + sq(dump)), 0);
  {
    auto copy = store::open_database(copy_url);
    copy->read([&](store::Connection& c) {
      EXPECT_EQ(store::applied_version(c), store::latest_version(store::Dialect::postgres));
      EXPECT_EQ(c.query("SELECT count(*) FROM registrations", {}).rows.at(0).integer(0), 2);
      EXPECT_EQ(c.query("SELECT count(*) FROM tickets WHERE serial = ?", {store::Value(str(ticket, "serial"))}).rows.at(0).integer(0), 1);
    });
  }

  const std::string restored = work + "/restored";
  ASSERT_EQ(run_gatepass({"restore", "--from", work + "/files.tar.gz", "--data-dir", restored}, out, work + "/restore.log"), 0)
      << out;
  EXPECT_NE(out.find("restore the database with pg_restore"), std::string::npos) << out;
  EXPECT_EQ(app::load_attachment(restored + "/attachments", attachment), png);
  EXPECT_FALSE(fs::exists(restored + "/gatepass.db"));
}

INSTANTIATE_TEST_SUITE_P(Postgres, BackupPostgres, ::testing::ValuesIn([] {
                           std::vector<std::string> pg;
                           for (const auto& b : backends())
                             if (b == "postgresql") pg.push_back(b);
                           return pg;
                         }()),
                         backend_name);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(BackupPostgres);
