#pragma once
// The HTTP server: Beast + Asio C++20 coroutines. Fast routes (reads on SQLite) run on the I/O
// threads; routes that write or may block (PostgreSQL) run on a pool of blocking threads, except
// the hot routes: on SQLite the hot writes (register, approve, mark-used, offline upload) run in
// fibers on the I/O threads and give the thread back while the writer commits; on PostgreSQL the
// same and verify run in fibers whose statements give the thread back until PostgreSQL answers
// (http/commit_fiber.hpp). Either way many requests wait for the writer at once, which lets
// SQLite's group commit batch many concurrent check-ins into one fsync.
#include <atomic>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include <spdlog/sinks/sink.h>

#include "app/context.hpp"

namespace gatepass::http {

// GATEPASS_ACCESS_LOG: one line per request as text or JSON, or none.
enum class AccessLog { text, json, off };

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0 = pick a free port (tests)
  std::string web_root = "web/dist";
  int io_threads = 0;          // 0 = number of cores
  int blocking_threads = 64;
  std::size_t body_limit = 8 * 1024 * 1024;  // larger bodies get 413
  std::set<std::string> trusted_proxies;      // peers whose X-Forwarded-For is believed
  // Slow or hostile clients: request headers must arrive within header_timeout_ms; a body must
  // keep arriving at body_min_bytes_per_second (after a grace of header_timeout_ms), else 408.
  int header_timeout_ms = 10'000;
  std::size_t body_min_bytes_per_second = 4096;
  int idle_timeout_ms = 30'000;          // keep-alive connection waiting for its next request
  int drain_timeout_ms = 30'000;         // at stop: how long in-flight requests get to be answered
  std::size_t max_connections = 2000;    // beyond it new connections get 503 and are closed
  // GET /metrics on this port: off (404) unless a token is set (GATEPASS_METRICS_TOKEN), then
  // only with `Authorization: Bearer <token>`.
  std::optional<std::string> metrics_token;
  // --metrics-listen HOST:PORT: a second listener that serves only /metrics, without a token
  // (port 0: a free port, see Server::metrics_port).
  std::optional<std::pair<std::string, unsigned short>> metrics_listen;
  AccessLog access_log = AccessLog::text;
  // Where access log lines go (default: standard error), one log call per line. Written in batches
  // by a background thread (http/access_log_writer.hpp): the I/O threads only queue a line.
  std::shared_ptr<spdlog::sinks::sink> access_log_sink;
  // HTTPS (--tls-cert / --tls-key): PEM files of the certificate chain and its key; `port` then
  // speaks TLS 1.2 or newer only (a plain-HTTP request there is redirected to HTTPS).
  std::optional<std::string> tls_cert_file, tls_key_file;
  // With HTTPS: a plain-HTTP port that redirects every request to HTTPS (0: a free port, see
  // Server::redirect_port), except /ca.crt and /ca.
  std::optional<unsigned short> http_redirect_port;
  // The venue CA (`gatepass tls init`), offered at /ca.crt with a page at /ca; empty: neither.
  std::string venue_ca_pem;
};

// Why these certificate and key files cannot serve HTTPS (unreadable, not PEM, key not the
// certificate's), or nullopt when they can.
std::optional<std::string> tls_files_problem(const std::string& cert_file, const std::string& key_file);

class Server {
 public:
  Server(app::Context& ctx, ServerOptions options);
  ~Server();
  // Binds and starts serving in background threads; returns the bound port.
  unsigned short start();
  // The --metrics-listen port once started (0 without one).
  unsigned short metrics_port() const;
  // The plain-HTTP redirect port once started (0 without one).
  unsigned short redirect_port() const;
  // Stops accepting, lets in-flight requests finish (up to a deadline), then joins all threads.
  void stop();
  // Blocks until SIGINT/SIGTERM, then stops gracefully.
  void run_until_signal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gatepass::http
