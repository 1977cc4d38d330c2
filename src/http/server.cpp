#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <thread>
#include <tuple>
#include <type_traits>

#include "domain/error.hpp"
#include "domain/crypto.hpp"
#include "http/access_log_writer.hpp"
#include "http/client_address.hpp"
#include "http/commit_fiber.hpp"
#include "http/error_mapping.hpp"
#include "app/ops/metrics.hpp"
#include "http/handlers/handlers.hpp"
#include "http/metrics_text.hpp"
#include "http/request_target.hpp"
#include "http/static_files.hpp"
#include "http/venue_tls.hpp"
#include "app/ops/tls_certificates.hpp"

namespace gatepass::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {
constexpr auto kWriteTimeout = 30s;  // a response must be taken within this

// A client's X-Request-Id is kept when it is 1-64 characters of [A-Za-z0-9._:-] (it ends up in
// logs and audit rows); otherwise the server makes one (16 hex digits).
std::string request_id_of(const std::optional<std::string>& sent) {
  const auto ok = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == ':' || ch == '-'; };
  if (sent && !sent->empty() && sent->size() <= 64 && std::all_of(sent->begin(), sent->end(), ok)) return *sent;
  const auto bytes = crypto::random_bytes(8);
  return crypto::to_hex(bytes.data(), bytes.size());
}

// Beast request -> our Request. Returns nullopt for a target that is not a valid origin-form URL.
std::optional<Request> convert(const bhttp::request<bhttp::string_body>& in, const std::string& peer,
                               const std::set<std::string>& trusted_proxies) {
  auto target = parse_request_target(in.target());
  if (!target) return std::nullopt;
  Request req;
  req.method = std::string(in.method_string());
  req.path = std::move(target->path);
  req.query = std::move(target->query);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers[name] = std::string(field.value());
  }
  req.body = in.body();
  const auto forwarded = req.header("x-forwarded-for");
  req.client_address = client_address(peer, forwarded ? &*forwarded : nullptr, trusted_proxies);
  req.request_id = request_id_of(req.header("x-request-id"));
  return req;
}

// Headers every answer carries, then the route's own.
template <class Message>
void set_headers(Message& out, const Response& res) {
  out.set(bhttp::field::server, "gatepass");
  out.set(bhttp::field::content_type, res.content_type);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "no-referrer");
  if (res.content_type.starts_with("application/json")) out.set(bhttp::field::cache_control, "no-store");
  for (const auto& [k, v] : res.headers) out.set(k, v);
}

// A method as a metrics label: the known ones, else "OTHER" (a client may send any token).
std::string_view method_label(std::string_view m) {
  for (std::string_view known : {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"})
    if (m == known) return known;
  return "OTHER";
}

// Text for a JSON string in the access log, quotes included. Usernames and device names are
// plain in practice; anything else is escaped (never trusted to be).
std::string json_string(std::string_view v) {
  if (v.empty()) return "null";
  std::string out = "\"";
  for (const char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') out += '\\', out += ch;
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04x}", c);
    else out += ch;
  }
  return out + "\"";
}
// A value for the text access log: "-" when absent; spaces and control characters become '_'
// (copied into `scratch` only then: the usual value is used as it is).
std::string_view text_field(std::string_view v, std::string& scratch) {
  const auto bad = [](char ch) { return static_cast<unsigned char>(ch) <= 0x20 || ch == 0x7f; };
  if (v.empty()) return "-";
  if (std::none_of(v.begin(), v.end(), bad)) return v;
  scratch.assign(v);
  std::replace_if(scratch.begin(), scratch.end(), bad, '_');
  return scratch;
}

// What a listening port serves: the app (HTTP or HTTPS), /metrics only (--metrics-listen), or
// redirects to HTTPS (the plain-HTTP port beside an HTTPS one).
enum class Listener { main, metrics, redirect };

// TLS 1.2 or newer with the certificate chain and key; throws std::runtime_error naming the problem.
std::unique_ptr<ssl::context> make_tls_context(const std::string& cert_file, const std::string& key_file) {
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                   ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
  beast::error_code ec;
  ctx->use_certificate_chain_file(cert_file, ec);
  if (ec) throw std::runtime_error("--tls-cert " + cert_file + ": " + ec.message());
  ctx->use_private_key_file(key_file, ssl::context::pem, ec);
  if (ec) throw std::runtime_error("--tls-key " + key_file + ": " + ec.message());
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1)
    throw std::runtime_error("--tls-key " + key_file + " is not the key of the certificate in " + cert_file);
  return ctx;
}

bhttp::response<bhttp::string_body> to_beast(Response res, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  set_headers(out, res);
  out.keep_alive(keep_alive);
  const auto size = res.body.size();
  if (!head) out.body() = std::move(res.body);
  out.content_length(size);
  return out;
}

// The status line and header fields of `out` as they go on the wire (as Beast's serializer writes
// them). A whole answer goes out as these bytes and its body in one gather write: Beast's
// serializer walks nested buffer views that cost a fifth of a verify's instructions (callgrind,
// docs/benchmarks.md, tenth session).
std::string header_bytes(const bhttp::response<bhttp::string_body>& out) {
  std::string wire;
  wire.reserve(512);
  wire += "HTTP/";
  wire += static_cast<char>('0' + out.version() / 10 % 10);
  wire += '.';
  wire += static_cast<char>('0' + out.version() % 10);
  wire += ' ';
  wire += std::to_string(out.result_int());
  wire += ' ';
  wire.append(out.reason().data(), out.reason().size());
  wire += "\r\n";
  for (const auto& field : out) {
    wire.append(field.name_string().data(), field.name_string().size());
    wire += ": ";
    wire.append(field.value().data(), field.value().size());
    wire += "\r\n";
  }
  wire += "\r\n";
  return wire;
}
}  // namespace

std::optional<std::string> tls_files_problem(const std::string& cert_file, const std::string& key_file) {
  try {
    make_tls_context(cert_file, key_file);
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  }
}

struct Server::Impl {
  app::Context& ctx;
  ServerOptions opt;
  Router router = make_api_router();
  StaticFiles files;
  asio::io_context ioc;
  asio::thread_pool blocking;
  tcp::acceptor acceptor{ioc};
  tcp::acceptor metrics_acceptor{ioc};  // --metrics-listen: /metrics only, no token
  tcp::acceptor redirect_acceptor{ioc};  // --http-redirect-port: plain HTTP that redirects to HTTPS
  std::unique_ptr<ssl::context> tls;     // set: the main port speaks HTTPS
  unsigned short https_port = 0;         // the main port once bound (where redirects point)
  std::string ca_fingerprint;            // of opt.venue_ca_pem, shown on /ca
  std::optional<std::string> metrics_token_hash;  // SHA-256 of GATEPASS_METRICS_TOKEN
  std::shared_ptr<AccessLogWriter> access_writer;
  std::shared_ptr<spdlog::logger> access_log;
  std::vector<std::thread> threads;
  std::atomic<int> in_flight{0};
  std::atomic<std::size_t> connections{0};  // open sessions, for max_connections
  std::atomic<bool> stopping{false};
  bool started = false;

  Impl(app::Context& c, ServerOptions o)
      : ctx(c), opt(std::move(o)), files(opt.web_root), blocking(static_cast<std::size_t>(opt.blocking_threads)) {
    app::metrics::registry();  // made now: from here on it observes the database's commits
    if (opt.metrics_token) metrics_token_hash = crypto::sha256_hex(*opt.metrics_token);
    if (opt.tls_cert_file && opt.tls_key_file) tls = make_tls_context(*opt.tls_cert_file, *opt.tls_key_file);
    if (!opt.venue_ca_pem.empty()) ca_fingerprint = app::ops::certificate_fingerprint(opt.venue_ca_pem);
    if (opt.access_log != AccessLog::off) {
      // One writer thread writes batches; the I/O threads only append their line (no wake-up, no
      // system call per request), and a request never waits for the disk.
      access_writer = std::make_shared<AccessLogWriter>(opt.access_log_sink);
      access_log = std::make_shared<spdlog::logger>("access", access_writer);
      access_log->set_pattern(opt.access_log == AccessLog::json ? R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ",%v})"
                                                                : "%Y-%m-%dT%H:%M:%S.%eZ %v",
                              spdlog::pattern_time_type::utc);
      access_log->set_level(spdlog::level::info);
    }
  }

  // GET /metrics. `open`: the --metrics-listen port, which needs no token. On the main port the
  // route exists only with GATEPASS_METRICS_TOKEN set, and then only for that bearer token
  // (compared as SHA-256 digests in constant time: neither the token nor its length leaks).
  asio::awaitable<Response> metrics(const Request& req, bool open) {
    if (!open && !metrics_token_hash) co_return error_response(404, "not_found", "No such file");
    if (!open) {
      const auto h = req.header("authorization");
      const bool bearer = h && h->size() > 7 && (h->starts_with("Bearer ") || h->starts_with("bearer "));
      const auto sent = bearer ? crypto::sha256_hex(std::string_view(*h).substr(7)) : std::string();
      if (!crypto::constant_time_equal(sent, *metrics_token_hash)) {
        auto denied = error_response(401, "unauthenticated", "Send Authorization: Bearer <GATEPASS_METRICS_TOKEN>");
        denied.headers.emplace_back("WWW-Authenticate", "Bearer");
        co_return denied;
      }
    }
    if (req.method != "GET" && req.method != "HEAD")
      co_return error_response(405, "method_not_allowed", "Only GET here");
    // The scrape reads the outbox from the database: off the I/O threads.
    co_return co_await asio::co_spawn(
        blocking.get_executor(),
        [&]() -> asio::awaitable<Response> {
          Response res;
          res.content_type = kMetricsContentType;
          res.body = render_metrics(app::metrics::scrape(ctx));
          co_return res;
        },
        asio::use_awaitable);
  }

  // When an answer is ready: the route's counters, then the access log line (queued, not written).
  void finished(const Request* req, std::string_view method, std::string_view route, const Router::Caller& caller,
                int status, std::size_t bytes, std::chrono::steady_clock::time_point started) {
    // From the request's headers read to its answer ready to send (a streamed one: sent).
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto m = method_label(method);
    app::metrics::registry().request(route, m, status, seconds);
    if (!access_log) return;
    const std::string_view id = req ? std::string_view(req->request_id) : std::string_view();
    // The route template, never the path: paths carry ticket codes and link tokens.
    if (opt.access_log == AccessLog::json)
      access_log->info(
          R"("request_id":{},"method":"{}","route":"{}","status":{},"duration_ms":{:.3f},"bytes":{},"account":{},"device":{})",
          json_string(id), m, route, status, seconds * 1000, bytes, json_string(caller.account),
          json_string(caller.device));
    else {
      std::string s1, s2, s3;
      access_log->info("{} {} {} {} {:.3f}ms {}B account={} device={}", text_field(id, s1), m, route, status,
                       seconds * 1000, bytes, text_field(caller.account, s2), text_field(caller.device, s3));
    }
  }

  // Runs a request through the router or the static files. Routes that may block are moved to
  // the blocking pool; the coroutine resumes on its own strand afterwards.
  asio::awaitable<Response> handle(const Request& req, std::string_view target, std::string_view& route,
                                   Router::Caller& caller, Listener kind) {
    if (kind != Listener::redirect && req.path.size() == 1 && req.path.front() == "metrics") {
      route = "/metrics";
      co_return co_await metrics(req, kind == Listener::metrics);
    }
    if (kind == Listener::metrics) {
      route = "unmatched";
      co_return error_response(404, "not_found", "Only /metrics here");
    }
    if (is_venue_ca_path(req)) {
      route = "/ca";
      co_return venue_ca_response(req, opt.venue_ca_pem, ca_fingerprint);
    }
    if (kind == Listener::redirect) {
      route = "redirect";
      co_return redirect_to_https(req, target, https_port);
    }
    if (req.path.empty() || req.path.front() != "api") {
      route = "static";
      if (req.method != "GET" && req.method != "HEAD") co_return error_response(405, "method_not_allowed", "Only GET here");
      auto res = files.serve(req.path, req.header("accept-encoding").value_or(""));
      // The web app loads nothing from elsewhere: scripts, styles, API calls all come from here.
      res.headers.emplace_back("Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
                               "style-src 'self' 'unsafe-inline'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
                               "worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
      co_return res;
    }
    auto match = router.match(req.method, req.path);
    route = match.route ? std::string_view(match.route->pattern) : std::string_view("unmatched");
    // Multipart bodies carry attachments, which are written and synced to disk: not on an I/O thread.
    const bool sqlite = ctx.db.dialect() == store::Dialect::sqlite;
    const bool in_fiber = match.route && (sqlite ? match.route->commit_fiber : match.route->fiber_on_postgres) &&
                          commit_fibers_supported() &&
                          !req.header("content-type").value_or("").starts_with("multipart/");
    if (in_fiber) co_return co_await run_in_commit_fiber([&] { return router.execute(ctx, match, req, &caller); });
    const bool offload =
        match.route && (match.route->writes || match.route->heavy || ctx.db.dialect() == store::Dialect::postgres);
    if (!offload) co_return router.execute(ctx, match, req, &caller);
    if (match.route->max_parallel > 0) {
      // Bounded per route: the excess is told to come back rather than queued behind the pool.
      auto& running = *match.route->running;
      if (running.fetch_add(1) >= match.route->max_parallel) {
        --running;
        auto busy = error_response(503, "unavailable", "This is busy right now; please try again in a moment");
        busy.headers.emplace_back("Retry-After", "1");
        co_return busy;
      }
      struct Release {
        std::atomic<int>& n;
        ~Release() { --n; }
      } release{running};
      co_return co_await asio::co_spawn(
          blocking.get_executor(), [&]() -> asio::awaitable<Response> { co_return router.execute(ctx, match, req, &caller); },
          asio::use_awaitable);
    }
    co_return co_await asio::co_spawn(
        blocking.get_executor(), [&]() -> asio::awaitable<Response> { co_return router.execute(ctx, match, req, &caller); },
        asio::use_awaitable);
  }

  // Counts a live connection for max_connections; released when the session ends.
  struct ConnectionSlot {
    std::atomic<std::size_t>& count;
    ~ConnectionSlot() { --count; }
  };

  // Deadline for the body read so far: a grace period plus the time `received` bytes take at
  // the minimum rate. A client trickling a byte at a time runs out of it; a slow phone does not.
  std::chrono::steady_clock::time_point body_deadline(std::chrono::steady_clock::time_point start,
                                                      std::size_t received) const {
    const auto rate = std::max<std::size_t>(1, opt.body_min_bytes_per_second);
    return start + std::chrono::milliseconds(opt.header_timeout_ms) +
           std::chrono::milliseconds(received * 1000 / rate);
  }

  asio::awaitable<void> session(tcp::socket socket, Listener kind) {
    ConnectionSlot slot{connections};
    beast::error_code peer_error;
    const auto endpoint = socket.remote_endpoint(peer_error);
    const std::string peer = peer_error ? std::string("unknown") : endpoint.address().to_string();
    beast::tcp_stream plain(std::move(socket));
    beast::flat_buffer buffer;
    if (kind != Listener::main || !tls) {
      co_await serve(plain, buffer, peer, kind);
      beast::error_code ignored;
      plain.socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
    // The HTTPS port. Someone typing http:// in front of its address gets a redirect, not a
    // dead connection: the first bytes tell a TLS handshake from a plain request.
    plain.expires_after(std::chrono::milliseconds(opt.header_timeout_ms));
    auto [dec, is_tls] = co_await beast::async_detect_ssl(plain, buffer, asio::as_tuple(asio::use_awaitable));
    if (dec) co_return;
    if (!is_tls) {
      co_await serve(plain, buffer, peer, Listener::redirect);
      beast::error_code ignored;
      plain.socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> stream(std::move(plain), *tls);
    auto [hec, used] = co_await stream.async_handshake(ssl::stream_base::server, buffer.data(),
                                                       asio::as_tuple(asio::use_awaitable));
    if (hec) co_return;  // an old client (TLS < 1.2), a scanner, a timeout: nothing to answer in
    buffer.consume(used);
    co_await serve(stream, buffer, peer, kind);
    // close_notify, bounded: a peer that has gone must not hold the session.
    beast::get_lowest_layer(stream).expires_after(2s);
    co_await stream.async_shutdown(asio::as_tuple(asio::use_awaitable));
  }

  // The request loop of one connection, plain or TLS.
  template <class Stream>
  asio::awaitable<void> serve(Stream& stream, beast::flat_buffer& buffer, const std::string& peer, Listener kind) {
    auto& tcp_layer = beast::get_lowest_layer(stream);
    // Request deadlines use our own timer, not the stream's timeout: Beast closes the socket
    // when its timeout fires, and we want to answer 408 first. On expiry the timer cancels the
    // pending read; `timed_out` tells that cancellation apart from other errors.
    bool timed_out = false;
    asio::steady_timer deadline(tcp_layer.get_executor());
    bool armed = false;
    auto arm = [&](std::chrono::steady_clock::time_point when) {
      timed_out = false;
      armed = true;
      deadline.expires_at(when);
      deadline.async_wait([&](beast::error_code e) {
        if (e) return;  // cancelled: the read finished first (or the session ended)
        timed_out = true;
        beast::error_code ignored;
        tcp_layer.socket().cancel(ignored);
      });
    };
    auto disarm = [&] {
      if (armed) deadline.cancel();
      armed = false;
    };
    // Most requests arrive whole in their first read: then the parser needs no more I/O and no
    // deadline (a timer per request costs the hot path a measurable share).
    auto in_buffer = [&](std::string_view needle) {
      const auto data = buffer.data();
      return std::string_view(static_cast<const char*>(data.data()), data.size()).find(needle) != std::string_view::npos;
    };
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(16 * 1024);
      parser.body_limit(opt.body_limit);
      // Between requests a keep-alive connection may sit idle; it is closed quietly after that.
      if (buffer.size() == 0) {
        tcp_layer.expires_after(std::chrono::milliseconds(opt.idle_timeout_ms));
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(8192), asio::as_tuple(asio::use_awaitable));
        if (ec) break;
        buffer.commit(n);
      }
      // From its first byte, a request's headers must be complete within header_timeout_ms.
      tcp_layer.expires_never();
      if (!in_buffer("\r\n\r\n")) arm(std::chrono::steady_clock::now() + std::chrono::milliseconds(opt.header_timeout_ms));
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      disarm();
      if (timed_out) ec = beast::error::timeout;
      if (ec == bhttp::error::body_limit) {  // Content-Length over the limit: refuse before reading it
        co_await reply_and_close(stream, 413, std::string(to_string(ErrorCode::payload_too_large)),
                                 "The request body is too large");
        break;
      }
      if (ec == beast::error::timeout) {
        co_await reply_and_close(stream, 408, "request_timeout", "The request headers took too long to arrive");
        break;
      }
      if (ec) {
        if (ec != bhttp::error::end_of_stream && ec != asio::error::eof && ec != asio::error::connection_reset &&
            ec != asio::error::operation_aborted)
          co_await reply_and_close(stream, ec == bhttp::error::header_limit ? 431 : 400, "bad_request",
                                   "Malformed HTTP request: " + ec.message());
        break;
      }
      const auto& header = parser.get();
      if (header[bhttp::field::expect] == "100-continue") {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, header.version()};
        co_await bhttp::async_write(stream, cont, asio::as_tuple(asio::use_awaitable));
      }
      // The body must keep arriving at body_min_bytes_per_second (after a grace period).
      const auto body_start = std::chrono::steady_clock::now();
      std::size_t received = 0;
      while (!ec && !parser.is_done()) {
        const auto length = parser.content_length();
        if (!length || buffer.size() < *length) arm(body_deadline(body_start, received));
        std::tie(ec, n) = co_await bhttp::async_read_some(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
        disarm();
        if (timed_out) ec = beast::error::timeout;
        received += n;
      }
      if (ec == bhttp::error::body_limit) {
        co_await reply_and_close(stream, 413, std::string(to_string(ErrorCode::payload_too_large)),
                                 "The request body is too large");
        break;
      }
      if (ec == beast::error::timeout) {
        co_await reply_and_close(stream, 408, "request_timeout", "The request body arrived too slowly");
        break;
      }
      if (ec) {
        if (ec != asio::error::eof && ec != asio::error::connection_reset)
          co_await reply_and_close(stream, 400, "bad_request", "Malformed HTTP request: " + ec.message());
        break;
      }

      ++in_flight;  // before reading `stopping`: stop() either waits for us or we see the flag
      const auto& breq = parser.get();
      const bool head = breq.method() == bhttp::verb::head;
      auto req = convert(breq, peer, opt.trusted_proxies);
      // Plain if/else: GCC 12 miscompiles co_await inside a conditional expression (double free).
      Response res;
      std::string_view route = "unmatched";
      Router::Caller caller;
      if (stopping.load()) res = error_response(503, "unavailable", "The server is shutting down; retry");
      else if (!req) res = error_response(400, "bad_request", "Malformed request target");
      else res = co_await handle(*req, std::string_view(breq.target().data(), breq.target().size()), route, caller, kind);
      if (req) res.headers.emplace_back("X-Request-Id", req->request_id);
      const int status = res.status;
      const Request* logged = req ? &*req : nullptr;
      const std::string_view method(breq.method_string().data(), breq.method_string().size());
      if (res.stream) {  // a streamed answer ends the connection when it is complete
        const auto version = breq.version();
        const auto sent = co_await send_streamed(stream, std::move(res), version, head);
        finished(logged, method, route, caller, status, sent, body_start);
        --in_flight;
        break;
      }
      const bool keep_alive = breq.keep_alive() && !stopping.load();
      auto out = to_beast(std::move(res), breq.version(), keep_alive, head);
      // Counted and logged when the answer is ready, before it is written: a client that has its
      // answer already sees it in the next scrape.
      finished(logged, method, route, caller, status, head ? std::size_t{0} : out.body().size(), body_start);
      tcp_layer.expires_after(kWriteTimeout);
      beast::error_code wec;
      if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        const auto status_and_fields = header_bytes(out);
        const std::array<asio::const_buffer, 2> wire{asio::buffer(status_and_fields), asio::buffer(out.body())};
        std::tie(wec, std::ignore) = co_await asio::async_write(stream, wire, asio::as_tuple(asio::use_awaitable));
      } else {
        // TLS keeps Beast's serializer: Beast's ssl_stream stopped after the head when given the
        // two buffers (a body over 16 KB was never sent: web/e2e/https.mjs), and encryption
        // outweighs what the serializer costs there.
        std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      }
      --in_flight;
      if (wec || !keep_alive) break;
    }
  }

  // A BodyStream's answer: headers, then each piece as a chunk (HTTP/1.0: raw, ended by closing).
  // A finite stream's pieces are made on the blocking pool (they read the database); an endless
  // one is polled on this strand until the client goes away or the server stops. A failure after
  // the headers can only end the connection: the client sees a truncated body, never a false end.
  // Returns the body bytes written.
  template <class Stream>
  asio::awaitable<std::size_t> send_streamed(Stream& stream, Response res, unsigned version, bool head) {
    auto& tcp_layer = beast::get_lowest_layer(stream);
    auto source = res.stream;
    std::size_t sent = 0;
    const bool chunked = version >= 11 && !head;
    bhttp::response<bhttp::empty_body> header{static_cast<bhttp::status>(res.status), version};
    set_headers(header, res);
    header.keep_alive(false);
    if (chunked) header.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{header};
    tcp_layer.expires_after(kWriteTimeout);
    auto [hec, hn] = co_await bhttp::async_write_header(stream, serializer, asio::as_tuple(asio::use_awaitable));
    if (hec || head) co_return sent;
    std::string piece = std::move(res.body);
    asio::steady_timer poll(tcp_layer.get_executor());
    for (bool more = true;;) {
      if (!piece.empty()) {
        tcp_layer.expires_after(kWriteTimeout);
        beast::error_code wec;
        if (chunked) {
          const auto chunk = bhttp::make_chunk(asio::buffer(piece));
          std::tie(wec, std::ignore) = co_await asio::async_write(stream, chunk, asio::as_tuple(asio::use_awaitable));
        } else {
          std::tie(wec, std::ignore) = co_await asio::async_write(stream, asio::buffer(piece), asio::as_tuple(asio::use_awaitable));
        }
        if (wec) co_return sent;
        sent += piece.size();
        piece.clear();
      }
      if (!more) break;
      bool failed = false;
      if (source->endless()) {
        if (stopping.load()) break;
        poll.expires_after(std::chrono::milliseconds(source->poll_ms()));
        co_await poll.async_wait(asio::as_tuple(asio::use_awaitable));
        try {
          more = source->next(piece);
        } catch (const std::exception& e) {
          spdlog::warn("live stream ended: {}", e.what());
          failed = true;
        }
      } else {
        co_await asio::co_spawn(
            blocking.get_executor(),
            [&]() -> asio::awaitable<void> {
              try {
                more = source->next(piece);
              } catch (const std::exception& e) {
                spdlog::error("streamed answer failed midway: {}", e.what());
                failed = true;
              }
              co_return;
            },
            asio::use_awaitable);
      }
      if (failed) co_return sent;  // no last chunk: the client can tell the body is incomplete
    }
    if (chunked) {
      tcp_layer.expires_after(kWriteTimeout);
      const auto last = bhttp::make_chunk_last();
      co_await asio::async_write(stream, last, asio::as_tuple(asio::use_awaitable));
    }
    co_return sent;
  }

  // Over max_connections: a short 503 instead of a session, so a flood of connections cannot
  // take every file descriptor and thread's attention.
  asio::awaitable<void> refuse_busy(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    co_await reply_and_close(stream, 503, "unavailable", "The server has too many open connections; retry shortly");
  }

  // Arguments are plain values: GCC 12 mishandles non-trivial temporaries in co_await expressions.
  template <class Stream>
  asio::awaitable<void> reply_and_close(Stream& stream, int status, std::string code, std::string message) {
    auto& tcp_layer = beast::get_lowest_layer(stream);
    auto out = to_beast(error_response(status, code, message), 11, false, false);
    // Counted and logged like any answer (route "unparsed": there was no request to route), so a
    // flood of malformed, oversized or slow requests shows on the dashboards and in the log.
    finished(nullptr, "-", "unparsed", Router::Caller{}, status, out.body().size(), std::chrono::steady_clock::now());
    tcp_layer.expires_after(5s);
    co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
    // Read and drop what the client is still sending (e.g. the rest of a 10 MB body): closing
    // with unread data would reset the connection and the client would never see our answer.
    beast::error_code ignored;
    tcp_layer.socket().shutdown(tcp::socket::shutdown_send, ignored);
    tcp_layer.expires_after(2s);
    std::array<char, 16384> sink;
    for (std::size_t drained = 0; drained < 32 * 1024 * 1024;) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
      if (ec) break;
      drained += n;
    }
  }

  asio::awaitable<void> listen(tcp::acceptor& acceptor, Listener kind) {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), asio::as_tuple(asio::use_awaitable));
      if (ec) {
        if (!acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
        spdlog::warn("accept failed: {}", ec.message());  // e.g. out of file descriptors: keep serving
        asio::steady_timer pause(ioc, 50ms);
        co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
        continue;
      }
      socket.set_option(tcp::no_delay(true));
      auto executor = socket.get_executor();
      if (connections.load() >= opt.max_connections) {
        // On the HTTPS port a plain-text 503 would be noise to a TLS client: it is just closed.
        if (kind == Listener::main && tls) socket.close();
        else asio::co_spawn(executor, refuse_busy(std::move(socket)), asio::detached);
        continue;
      }
      ++connections;
      asio::co_spawn(executor, session(std::move(socket), kind), asio::detached);
    }
  }
};

Server::Server(app::Context& ctx, ServerOptions options) : impl_(std::make_unique<Impl>(ctx, std::move(options))) {}

Server::~Server() { stop(); }

unsigned short Server::start() {
  auto& s = *impl_;
  // Binds an acceptor and starts accepting on it.
  const auto open = [&s](tcp::acceptor& acceptor, const std::string& host, unsigned short port, Listener kind) {
    const tcp::endpoint endpoint{asio::ip::make_address(host), port};
    acceptor.open(endpoint.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen(asio::socket_base::max_listen_connections);
    asio::co_spawn(s.ioc, s.listen(acceptor, kind), asio::detached);
  };
  open(s.acceptor, s.opt.host, s.opt.port, Listener::main);
  s.https_port = s.acceptor.local_endpoint().port();
  if (s.opt.metrics_listen) open(s.metrics_acceptor, s.opt.metrics_listen->first, s.opt.metrics_listen->second, Listener::metrics);
  if (s.tls && s.opt.http_redirect_port) open(s.redirect_acceptor, s.opt.host, *s.opt.http_redirect_port, Listener::redirect);
  const int n = s.opt.io_threads > 0 ? s.opt.io_threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < n; ++i) s.threads.emplace_back([&s] { s.ioc.run(); });
  s.started = true;
  const auto port = s.acceptor.local_endpoint().port();
  spdlog::info("listening on {}://{}:{} ({} database, {} I/O threads)", s.tls ? "https" : "http", s.opt.host, port,
               s.ctx.db.name(), n);
  if (s.opt.metrics_listen)
    spdlog::info("metrics on http://{}:{}/metrics", s.opt.metrics_listen->first, s.metrics_acceptor.local_endpoint().port());
  if (s.redirect_acceptor.is_open())
    spdlog::info("redirecting http://{}:{} to HTTPS", s.opt.host, s.redirect_acceptor.local_endpoint().port());
  return port;
}

unsigned short Server::metrics_port() const {
  beast::error_code ec;
  const auto at = impl_->metrics_acceptor.is_open() ? impl_->metrics_acceptor.local_endpoint(ec) : tcp::endpoint{};
  return ec ? 0 : at.port();
}

unsigned short Server::redirect_port() const {
  beast::error_code ec;
  const auto at = impl_->redirect_acceptor.is_open() ? impl_->redirect_acceptor.local_endpoint(ec) : tcp::endpoint{};
  return ec ? 0 : at.port();
}

void Server::stop() {
  auto& s = *impl_;
  if (!s.started) return;
  s.started = false;
  s.stopping = true;
  asio::post(s.ioc, [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.metrics_acceptor.close(ignored);
    s.redirect_acceptor.close(ignored);
  });
  // In-flight requests finish and are answered; idle keep-alive connections are simply closed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(s.opt.drain_timeout_ms);
  while (s.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  // Past the deadline too, requests in fibers run to their end (commonly a commit the writer is
  // still making), as the blocking pool's are waited for below (http/commit_fiber.hpp says why).
  while (fibers_running() > 0) std::this_thread::sleep_for(5ms);
  s.ioc.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  s.blocking.join();
  // The access log's writer writes what waits and ends: every answered request has its line.
  if (s.access_writer) s.access_writer->stop();
  s.access_log.reset();
  s.access_writer.reset();
  spdlog::info("server stopped");
}

void Server::run_until_signal() {
  asio::io_context signals_ctx;
  asio::signal_set signals(signals_ctx, SIGINT, SIGTERM);
  signals.async_wait([](const beast::error_code&, int sig) { spdlog::info("signal {} received, shutting down", sig); });
  signals_ctx.run();
  stop();
}

}  // namespace gatepass::http
