// gatepass: wiring only. Subcommands: serve, migrate, user add, version.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/housekeeping.hpp"
#include "app/context.hpp"
#include "app/users.hpp"
#include "cli/config.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "http/client_address.hpp"
#include "http/server.hpp"
#include "store/migrations.hpp"

using namespace gatepass;

namespace {

struct Common {
  std::string data_dir;
  std::string database_url;
};

std::unique_ptr<store::Database> open_and_migrate(const Common& c) {
  std::filesystem::create_directories(c.data_dir);
  auto db = store::open_database(c.database_url);
  store::migrate(*db);
  return db;
}

// Housekeeping while serving (app::run_housekeeping) at start and then hourly.
class Maintenance {
 public:
  explicit Maintenance(app::Context& ctx) : thread_([this, &ctx] { loop(ctx); }) {}
  ~Maintenance() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void loop(app::Context& ctx) {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      lock.unlock();
      try {
        const auto r = app::run_housekeeping(ctx);
        if (r.idempotency_keys_pruned) spdlog::info("pruned {} expired idempotency keys", r.idempotency_keys_pruned);
        if (r.orphan_attachments_removed)
          spdlog::info("removed {} orphaned attachment files", r.orphan_attachments_removed);
      } catch (const std::exception& e) {
        spdlog::warn("maintenance failed (will retry): {}", e.what());
      }
      lock.lock();
      cv_.wait_for(lock, std::chrono::hours(1), [this] { return stop_; });
    }
  }
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

std::string read_password(bool from_stdin) {
  std::string password;
  if (from_stdin) {
    std::getline(std::cin, password);
    return password;
  }
  // Interactive: no echo.
  std::cerr << "Password: " << std::flush;
  const bool tty = ::isatty(STDIN_FILENO);
  if (tty) std::system("stty -echo");
  std::getline(std::cin, password);
  if (tty) std::system("stty echo");
  std::cerr << "\n";
  return password;
}

}  // namespace

int main(int argc, char** argv) {
  crypto::init();
  cli::load_dotenv(".env");

  CLI::App cli{"Gatepass: event registration, signed QR tickets and gate check-in"};
  cli.require_subcommand(1);
  Common common;
  common.data_dir = cli::env("GATEPASS_DATA_DIR").value_or("data");
  cli.add_option("--data-dir", common.data_dir, "Data directory (env GATEPASS_DATA_DIR)");
  cli.add_option("--database-url", common.database_url,
                 "sqlite:///path.db (default: <data-dir>/gatepass.db) or postgresql://… (env DATABASE_URL)");

  http::ServerOptions server_opts;
  server_opts.host = cli::env("GATEPASS_HOST").value_or("127.0.0.1");
  if (auto p = cli::env("GATEPASS_PORT")) server_opts.port = static_cast<unsigned short>(std::stoi(*p));
  if (auto w = cli::env("GATEPASS_WEB_ROOT")) server_opts.web_root = *w;
  if (auto p = cli::env("GATEPASS_TRUSTED_PROXIES")) server_opts.trusted_proxies = http::parse_address_list(*p);
  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (applies migrations first)");
  serve->add_option("--host", server_opts.host, "Address to listen on (env GATEPASS_HOST)");
  serve->add_option("--port", server_opts.port, "Port (env GATEPASS_PORT)");
  serve->add_option("--web-root", server_opts.web_root, "Built web app folder (env GATEPASS_WEB_ROOT)");
  serve->add_option("--threads", server_opts.io_threads, "I/O threads (default: cores)");

  cli.add_subcommand("migrate", "Apply database migrations and exit");
  cli.add_subcommand("version", "Print the version");

  auto* user = cli.add_subcommand("user", "Manage users")->require_subcommand(1);
  app::NewUser new_user;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Create a user");
  user_add->add_option("--username", new_user.username)->required();
  user_add->add_option("--role", new_user.role, "admin, scanner or viewer")->required();
  user_add->add_option("--email", new_user.email);
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
  auto* user_count = user->add_subcommand("count", "Print how many users exist (0 on a new install)");

  CLI11_PARSE(cli, argc, argv);
  if (common.database_url.empty())
    common.database_url = cli::env("DATABASE_URL").value_or(cli::default_database_url(common.data_dir));
  const bool shared = !common.database_url.starts_with("sqlite://");

  try {
    if (cli.got_subcommand("version")) {
      std::cout << "gatepass " << GATEPASS_VERSION << "\n";
      return 0;
    }
    if (cli.got_subcommand("migrate")) {
      auto db = store::open_database(common.database_url);
      const int n = store::migrate(*db);
      std::cout << "applied " << n << " migration(s); schema version " << store::schema_version(*db) << "\n";
      return 0;
    }
    auto db = open_and_migrate(common);
    app::Context ctx(*db, cli::app_config(common.data_dir, shared));

    if (user_count->parsed()) {
      std::cout << app::list_users(ctx, {1, 0}).total << "\n";
      return 0;
    }
    if (user_add->parsed()) {
      new_user.password = read_password(password_stdin);
      const auto u = app::add_user_from_cli(ctx, new_user);
      std::cout << "created user " << u.username << " (" << to_string(u.role) << "), id " << u.id << "\n";
      return 0;
    }
    if (serve->parsed()) {
      if (auto pw = cli::env("GATEPASS_ADMIN_PASSWORD")) {
        const auto name = cli::env("GATEPASS_ADMIN_USERNAME").value_or("admin");
        if (app::ensure_admin(ctx, name, *pw)) spdlog::info("created admin user '{}' from GATEPASS_ADMIN_PASSWORD", name);
      }
      if (app::list_users(ctx, {1, 0}).total == 0)
        spdlog::warn("no users yet: create the first admin with `gatepass user add --username admin --role admin`");
      Maintenance maintenance(ctx);
      http::Server server(ctx, server_opts);
      server.start();
      server.run_until_signal();
      return 0;
    }
  } catch (const Error& e) {
    std::cerr << "error: " << e.what();
    for (const auto& [field, why] : e.fields()) std::cerr << "\n  " << field << ": " << why;
    std::cerr << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
