// gatepass: wiring only. Subcommands: serve, migrate, user add|count|reset-2fa, tickets generate|export, export,
// privacy export|erase, backup, restore, audit verify|head, version.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "app/accounts/two_factor.hpp"
#include "app/audit/sealer.hpp"
#include "app/search/search_index.hpp"
#include "app/housekeeping.hpp"
#include "app/ops/backup.hpp"
#include "app/ops/tls_certificates.hpp"
#include "app/context.hpp"
#include "app/jobs.hpp"
#include "app/mail_sender.hpp"
#include "app/users.hpp"
#include "app/csv_export.hpp"
#include "cli/audit_command.hpp"
#include "cli/privacy_command.hpp"
#include "cli/tickets_command.hpp"
#include "cli/config.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "store/migrations.hpp"

using namespace gatepass;

namespace {

struct Common {
  std::string data_dir;
  std::string database_url;
};

std::unique_ptr<store::Database> open_and_migrate(const Common& c) {
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
        if (r.sent_mail_pruned) spdlog::info("deleted {} sent messages older than 30 days", r.sent_mail_pruned);
        if (r.refresh_tokens_pruned) spdlog::info("deleted {} expired refresh tokens", r.refresh_tokens_pruned);
        if (r.orphan_attachments_removed)
          spdlog::info("removed {} orphaned attachment files", r.orphan_attachments_removed);
        if (r.events_personal_data_erased)
          spdlog::info("erased the personal data of {} event(s) whose retention ended", r.events_personal_data_erased);
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

// Lets `serve` use as many connections as the system allows (the soft limit is often 1024).
void raise_open_files_limit(std::size_t max_connections) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  if (lim.rlim_cur < lim.rlim_max) {
    rlimit raised = lim;
    raised.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) lim = raised;  // else the old soft limit stays in force
  }
  if (lim.rlim_cur != RLIM_INFINITY && max_connections + 64 > lim.rlim_cur)
    spdlog::warn("GATEPASS_MAX_CONNECTIONS={} is above what the open-files limit ({}) allows; raise `ulimit -n`",
                 max_connections, lim.rlim_cur);
}

// Settings as text, from the environment first; flags given on the command line replace them.
// Validated together after parsing (config.hpp), so every path reports a bad value the same way.
struct RawSettings {
  std::string data_dir = cli::env("GATEPASS_DATA_DIR").value_or("data");
  std::string database_url;
  std::string host = cli::env("GATEPASS_HOST").value_or("127.0.0.1");
  std::string port = cli::env("GATEPASS_PORT").value_or("8080");
  std::string threads = "0";
  std::string max_connections = cli::env("GATEPASS_MAX_CONNECTIONS").value_or("2000");
  std::string metrics_listen = cli::env("GATEPASS_METRICS_LISTEN").value_or("");
  std::string tls_cert = cli::env("GATEPASS_TLS_CERT").value_or("");
  std::string tls_key = cli::env("GATEPASS_TLS_KEY").value_or("");
  std::string http_redirect_port = cli::env("GATEPASS_HTTP_REDIRECT_PORT").value_or("");
};

// --tls-cert / --tls-key / --http-redirect-port, checked before anything is created; and the venue
// CA of `gatepass tls init`, when the data directory has one, for /ca.crt.
void tls_options(const RawSettings& raw, http::ServerOptions& o) {
  if (raw.tls_cert.empty() != raw.tls_key.empty())
    throw cli::ConfigError("GATEPASS_TLS_CERT / --tls-cert and GATEPASS_TLS_KEY / --tls-key go together: give both or neither");
  if (!raw.tls_cert.empty()) {
    if (auto problem = http::tls_files_problem(raw.tls_cert, raw.tls_key)) throw cli::ConfigError(*problem);
    o.tls_cert_file = raw.tls_cert;
    o.tls_key_file = raw.tls_key;
    std::ifstream in(raw.tls_cert);
    const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (const auto days = app::ops::certificate_days_left(pem); days && *days < 30)
      spdlog::warn("the TLS certificate {} {}: renew it (gatepass tls init makes a new one)", raw.tls_cert,
                   *days < 0 ? "has expired" : "expires in " + std::to_string(*days) + " day(s)");
  }
  if (!raw.http_redirect_port.empty()) {
    if (!o.tls_cert_file)
      throw cli::ConfigError("GATEPASS_HTTP_REDIRECT_PORT / --http-redirect-port redirects to HTTPS: it needs --tls-cert and --tls-key");
    o.http_redirect_port = static_cast<unsigned short>(
        cli::parse_integer_setting("GATEPASS_HTTP_REDIRECT_PORT / --http-redirect-port", raw.http_redirect_port, 0, 65535));
  }
  const auto ca = app::ops::tls_files(raw.data_dir).ca_cert;
  std::error_code ec;
  if (std::filesystem::is_regular_file(ca, ec)) {
    std::ifstream in(ca);
    o.venue_ca_pem.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
}

http::ServerOptions server_options(const RawSettings& raw) {
  http::ServerOptions o;
  o.host = cli::parse_host_setting("GATEPASS_HOST / --host", raw.host);
  // 0 asks the system for a free port (the listening line says which): tests use it.
  o.port = static_cast<unsigned short>(cli::parse_integer_setting("GATEPASS_PORT / --port", raw.port, 0, 65535));
  o.io_threads = static_cast<int>(cli::parse_integer_setting("--threads", raw.threads, 0, 256));
  o.max_connections = static_cast<std::size_t>(
      cli::parse_integer_setting("GATEPASS_MAX_CONNECTIONS / --max-connections", raw.max_connections, 1, 1'000'000));
  if (auto t = cli::env("GATEPASS_HEADER_TIMEOUT_SECONDS"))
    o.header_timeout_ms = static_cast<int>(cli::parse_integer_setting("GATEPASS_HEADER_TIMEOUT_SECONDS", *t, 1, 300) * 1000);
  if (auto w = cli::env("GATEPASS_WEB_ROOT")) o.web_root = *w;
  if (auto p = cli::env("GATEPASS_TRUSTED_PROXIES"))
    o.trusted_proxies = cli::parse_address_list_setting("GATEPASS_TRUSTED_PROXIES", *p);
  if (auto t = cli::env("GATEPASS_METRICS_TOKEN")) {
    if (t->size() < 16) throw cli::ConfigError("GATEPASS_METRICS_TOKEN must be at least 16 characters, e.g. `openssl rand -hex 24`");
    o.metrics_token = *t;
  }
  if (!raw.metrics_listen.empty())
    o.metrics_listen = cli::parse_listen_setting("GATEPASS_METRICS_LISTEN / --metrics-listen", raw.metrics_listen);
  if (auto a = cli::env("GATEPASS_ACCESS_LOG")) {
    if (*a == "text") o.access_log = http::AccessLog::text;
    else if (*a == "json") o.access_log = http::AccessLog::json;
    else if (*a == "off") o.access_log = http::AccessLog::off;
    else throw cli::ConfigError("GATEPASS_ACCESS_LOG must be text, json or off (got \"" + a->substr(0, 20) + "\")");
  }
  tls_options(raw, o);
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  ::umask(077);  // everything we create (database, secret key, attachments) is for our user only
  // Logs and warnings go to stderr; stdout carries only a command's answer, so that
  // `$(gatepass user count)` is just the number even when that run applies migrations.
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("", std::make_shared<spdlog::sinks::stderr_color_sink_mt>()));
  crypto::init();
  cli::load_dotenv(".env");

  CLI::App cli{"Gatepass: event registration, signed QR tickets and gate check-in"};
  cli.require_subcommand(1);
  // Global options are accepted after the subcommand too: `gatepass serve --data-dir /var/lib/gatepass`.
  cli.fallthrough();
  RawSettings raw;
  std::string web_root_flag;
  cli.add_option("--data-dir", raw.data_dir, "Data directory (env GATEPASS_DATA_DIR)");
  cli.add_option("--database-url", raw.database_url,
                 "sqlite:///path.db (default: <data-dir>/gatepass.db) or postgresql://… (env DATABASE_URL)");

  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (applies migrations first)");
  serve->add_option("--host", raw.host, "Address to listen on (env GATEPASS_HOST)");
  serve->add_option("--port", raw.port, "Port (env GATEPASS_PORT)");
  serve->add_option("--web-root", web_root_flag, "Built web app folder (env GATEPASS_WEB_ROOT)");
  serve->add_option("--threads", raw.threads, "I/O threads (default: cores)");
  serve->add_option("--max-connections", raw.max_connections, "Open connections at most (env GATEPASS_MAX_CONNECTIONS)");
  serve->add_option("--metrics-listen", raw.metrics_listen,
                    "Serve GET /metrics without a token on this address, e.g. 127.0.0.1:9464 (env GATEPASS_METRICS_LISTEN)");
  serve->add_option("--tls-cert", raw.tls_cert, "Serve HTTPS with this PEM certificate chain (env GATEPASS_TLS_CERT)");
  serve->add_option("--tls-key", raw.tls_key, "The certificate's PEM private key (env GATEPASS_TLS_KEY)");
  serve->add_option("--http-redirect-port", raw.http_redirect_port,
                    "With HTTPS: a plain-HTTP port that redirects to it, e.g. 80 (env GATEPASS_HTTP_REDIRECT_PORT)");

  auto* tls = cli.add_subcommand("tls", "HTTPS for a venue network")->require_subcommand(1);
  auto* tls_init = tls->add_subcommand(
      "init", "Make a venue CA (kept if there is one) and a server certificate signed by it in <data-dir>/tls");
  app::ops::TlsInitOptions tls_init_options;
  tls_init->add_option("--host", tls_init_options.host, "The name phones open, e.g. gate.venue.lan")->required();
  tls_init->add_option("--ip", tls_init_options.ips, "An address phones may open instead (repeatable)");

  cli.add_subcommand("migrate", "Apply database migrations and exit");
  cli.add_subcommand("version", "Print the version");
  cli.add_subcommand("openapi", "Print the API's OpenAPI 3 document (as served at /api/openapi.json)");

  auto* user = cli.add_subcommand("user", "Manage users")->require_subcommand(1);
  app::NewUser new_user;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Create a user");
  user_add->add_option("--username", new_user.username)->required();
  user_add->add_option("--role", new_user.role, "admin, scanner or viewer")->required();
  user_add->add_option("--email", new_user.email);
  user_add->add_option("--events", new_user.event_ids, "Scanners: the event ids they may scan, e.g. 3,4")->delimiter(',');
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
  auto* user_count = user->add_subcommand("count", "Print how many users exist (0 on a new install)");
  std::string reset_2fa_name;
  auto* user_reset_2fa = user->add_subcommand(
      "reset-2fa", "Turn two-factor sign-in off for a locked-out staff account and end its sessions");
  user_reset_2fa->add_option("name", reset_2fa_name, "The staff account's username")->required();

  auto* tickets = cli.add_subcommand("tickets", "Box office: generate tickets, export a batch")->require_subcommand(1);
  Id gen_event = 0;
  std::optional<Id> gen_type;
  std::int64_t gen_count = 0;
  auto* tickets_generate = tickets->add_subcommand("generate", "Generate unsold tickets of a type (progress on stderr)");
  tickets_generate->add_option("--event", gen_event, "Event id")->required()->check(CLI::PositiveNumber);
  tickets_generate->add_option("--type", gen_type, "Ticket type id (default: the event's only type)");
  tickets_generate->add_option("--count", gen_count, "How many (1 to 1000000)")->required()->check(CLI::Range(1, 1'000'000));
  Id export_batch_id = 0;
  auto* tickets_export = tickets->add_subcommand("export", "Write a generated batch as CSV (serial,payload) to stdout");
  tickets_export->add_option("--batch", export_batch_id, "Batch id (the job's result names it)")->required()->check(CLI::PositiveNumber);

  auto* export_cmd = cli.add_subcommand("export", "Write registrations, tickets, scans or the audit log as CSV to stdout");
  std::string export_kind;
  std::optional<Id> export_event;
  export_cmd->add_option("kind", export_kind, "registrations, tickets, scans or audit")
      ->required()
      ->check(CLI::IsMember({"registrations", "tickets", "scans", "audit"}));
  export_cmd->add_option("--event", export_event, "Only this event")->check(CLI::PositiveNumber);

  auto* privacy = cli.add_subcommand("privacy", "A person's data: export it, or erase it (docs/privacy.md)")->require_subcommand(1);
  std::string privacy_email;
  std::optional<std::string> erase_reason;
  bool erase_dry_run = false;
  auto* privacy_export = privacy->add_subcommand("export", "Write everything held about an address as JSON to stdout");
  privacy_export->add_option("--email", privacy_email, "The person's address")->required();
  auto* privacy_erase = privacy->add_subcommand(
      "erase", "Erase a person's names, addresses, phones, notes and attachments everywhere (counts as JSON on stdout)");
  privacy_erase->add_option("--email", privacy_email, "The person's address")->required();
  privacy_erase->add_option("--reason", erase_reason, "Why (audited); required unless --dry-run");
  privacy_erase->add_flag("--dry-run", erase_dry_run, "Change nothing; say what would be erased");

  auto* backup_cmd = cli.add_subcommand(
      "backup", "Write a consistent backup (database, attachments, secret.key, manifest) while the server runs");
  std::string backup_to;
  backup_cmd->add_option("--to", backup_to, "The archive to write (a .tar.gz)")->required();
  auto* restore_cmd = cli.add_subcommand(
      "restore", "Check a backup's checksums and restore it into --data-dir (which must be empty without --force)");
  std::string restore_from;
  bool restore_force = false;
  restore_cmd->add_option("--from", restore_from, "The archive `gatepass backup` wrote")->required();
  restore_cmd->add_flag("--force", restore_force, "Replace the database, key and attachments of a non-empty data directory");

  auto* audit_cmd = cli.add_subcommand("audit", "The tamper-evident audit log: verify the chain, print its head")
                        ->require_subcommand(1);
  std::optional<std::string> kept_head;
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify", "Walk the audit chain; exit 0 if it verifies, 3 with the first bad row and why if not");
  audit_verify->add_option("--head", kept_head, "A head kept earlier (SEQ:HASH from `audit head`): the chain must pass through it");
  auto* audit_head = audit_cmd->add_subcommand(
      "head", "Chain what is written so far and print the chain's head (SEQ:HASH) to keep elsewhere");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = cli.exit(e);  // prints help (rc 0) or the problem
    return rc == 0 ? 0 : 2;
  }

  try {
    if (raw.database_url.empty())
      raw.database_url = cli::env("DATABASE_URL").value_or(cli::default_database_url(raw.data_dir));
    cli::check_database_url(raw.database_url);
    const bool shared = !store::normalise_database_url(raw.database_url).starts_with("sqlite://");
    const Common common{raw.data_dir, raw.database_url};

    if (cli.got_subcommand("openapi")) {
      std::cout << http::openapi_text();
      return 0;
    }
    if (cli.got_subcommand("version")) {
      std::cout << "gatepass " << GATEPASS_VERSION << "\n";
      return 0;
    }
    if (cli.got_subcommand("migrate")) {
      if (!shared) cli::prepare_data_dir(common.data_dir);
      auto db = store::open_database(common.database_url);
      const int n = store::migrate(*db);
      std::cout << "applied " << n << " migration(s); schema version " << store::schema_version(*db) << "\n";
      return 0;
    }
    // Neither creates a data directory, a key or a schema of its own.
    if (backup_cmd->parsed()) {
      app::ops::BackupSource source;
      source.data_dir = common.data_dir;
      if (!shared) {
        source.sqlite_path = store::normalise_database_url(common.database_url).substr(9);
      } else {
        auto db = store::open_database(common.database_url);
        db->read([&](store::Connection& c) { source.schema_version = store::applied_version(c); });
      }
      const auto s = app::ops::create_backup(source, backup_to);
      std::cout << "wrote " << backup_to << ": " << (s.has_database ? "database (schema " : "no database (PostgreSQL: use pg_dump; schema ")
                << s.schema_version << "), " << s.attachments << " attachment(s), "
                << (s.has_key ? "secret.key" : "no secret.key (SECRET_KEY comes from the environment: keep it safe too)")
                << (s.has_tls ? ", tls/ (the venue certificates)" : "")
                << "; " << s.bytes << " bytes before compression\n";
      return 0;
    }
    if (restore_cmd->parsed()) {
      const auto s = app::ops::restore_backup(restore_from, common.data_dir, restore_force,
                                              store::latest_version(store::Dialect::sqlite),
                                              store::latest_version(store::Dialect::postgres));
      std::cout << "restored " << restore_from << " (gatepass " << s.gatepass_version << ", " << s.created_at << ") into "
                << common.data_dir << ": " << (s.has_database ? "gatepass.db (schema " + std::to_string(s.schema_version) + "), " : "")
                << s.attachments << " attachment(s)" << (s.has_key ? ", secret.key" : "") << (s.has_tls ? ", tls/" : "") << "\n";
      if (s.database == "postgresql")
        std::cout << "this backup was made on PostgreSQL: restore the database with pg_restore (docs/operations.md)\n";
      return 0;
    }
    if (tls_init->parsed()) {
      const auto r = app::ops::init_venue_tls(common.data_dir, tls_init_options);
      std::cout << (r.ca_created ? "made a venue CA: " : "kept the venue CA: ") << r.files.ca_cert.string() << "\n"
                << "  SHA-256 fingerprint " << r.ca_fingerprint << "\n"
                << "made a server certificate for " << tls_init_options.host;
      for (const auto& ip : tls_init_options.ips) std::cout << ", " << ip;
      std::cout << " (valid until " << r.server_not_after << "): " << r.files.server_cert.string() << "\n\n"
                << "Serve HTTPS with:\n  gatepass serve --data-dir " << common.data_dir << " --tls-cert "
                << r.files.server_cert.string() << " --tls-key " << r.files.server_key.string() << "\n"
                << "Gate phones trust the CA once: open https://" << tls_init_options.host
                << "[:port]/ca (or http://…/ca on the --http-redirect-port) and follow the steps.\n";
      return 0;
    }
    // Only the database: no data directory, key or schema of its own (an empty new database
    // would "verify").
    if (audit_verify->parsed() || audit_head->parsed()) {
      if (!shared) {
        const auto path = store::normalise_database_url(common.database_url).substr(9);
        if (!std::filesystem::exists(path)) throw cli::ConfigError("no database at " + path + " (--data-dir, --database-url)");
      }
      auto db = open_and_migrate(common);
      return audit_verify->parsed() ? cli::audit_verify(*db, kept_head, std::cout) : cli::audit_head(*db, std::cout);
    }
    // Settings first: a bad port must not leave a half-made data directory behind.
    std::optional<http::ServerOptions> server_opts;
    if (serve->parsed()) {
      server_opts = server_options(raw);
      if (!web_root_flag.empty()) server_opts->web_root = web_root_flag;
    }
    auto config = cli::app_config(common.data_dir, shared);  // creates the data directory (0700)
    auto db = open_and_migrate(common);
    app::Context ctx(*db, std::move(config));

    if (user_count->parsed()) {
      std::cout << app::list_users(ctx, {1, 0}).total << "\n";
      return 0;
    }
    if (tickets_generate->parsed()) return cli::generate_tickets(ctx, gen_event, gen_type, gen_count);
    if (tickets_export->parsed()) return cli::export_batch(ctx, export_batch_id, std::cout);
    if (export_cmd->parsed()) {
      store::exports::Filter filter;
      filter.event_id = export_event;
      app::CsvExport csv(ctx, *app::parse_export_kind(export_kind), filter);
      std::string piece;
      while (csv.next(piece)) {
        std::cout.write(piece.data(), static_cast<std::streamsize>(piece.size()));
        piece.clear();
      }
      std::cout.flush();
      return std::cout ? 0 : 1;
    }
    if (privacy_export->parsed()) return cli::privacy_export(ctx, privacy_email, std::cout);
    if (privacy_erase->parsed()) return cli::privacy_erase(ctx, privacy_email, erase_reason, erase_dry_run, std::cout);
    if (user_add->parsed()) {
      new_user.password = read_password(password_stdin);
      const auto u = app::add_user_from_cli(ctx, new_user);
      std::cout << "created user " << u.username << " (" << to_string(u.role) << "), id " << u.id << "\n";
      return 0;
    }
    if (user_reset_2fa->parsed()) {
      const bool was_on = app::reset_two_factor_from_cli(ctx, reset_2fa_name);
      std::cout << (was_on ? "two-factor sign-in turned off for " : "two-factor sign-in was not on for ") << reset_2fa_name
                << "; every session of the account has ended\n";
      return 0;
    }
    if (serve->parsed()) {
      if (auto pw = cli::env("GATEPASS_ADMIN_PASSWORD")) {
        const auto name = cli::env("GATEPASS_ADMIN_USERNAME").value_or("admin");
        if (app::ensure_admin(ctx, name, *pw)) spdlog::info("created admin user '{}' from GATEPASS_ADMIN_PASSWORD", name);
      }
      if (app::list_users(ctx, {1, 0}).total == 0)
        spdlog::warn("no users yet: create the first admin with `gatepass user add --username admin --role admin`");
      if (const auto stale = app::fail_stale_jobs(ctx))
        spdlog::warn("{} background job(s) were interrupted by the last stop and are marked failed", stale);
      raise_open_files_limit(server_opts->max_connections);
      Maintenance maintenance(ctx);
      app::audit::Sealer sealer(ctx.db, [&ctx] { return ctx.now(); });  // links new audit rows every second
      app::search::Indexer indexer(ctx.db);  // SQLite: indexes new rows for search, every 250 ms
      if (ctx.config.mail.smtp_url.empty())
        spdlog::warn("SMTP_URL is not set: mail (tickets, decisions) is queued in the outbox and not sent");
      app::MailSender mail_sender(ctx);
      http::Server server(ctx, *server_opts);
      server.start();
      server.run_until_signal();
      if (const auto returned = ctx.numbers.return_unused(ctx.db))
        spdlog::info("gave {} unused ticket number(s) back to their events", returned);
      ctx.audit_queue.flush();  // its last rows, before the sealer's last pass links them
      return 0;
    }
  } catch (const cli::ConfigError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
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
