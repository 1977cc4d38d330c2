// LISTEN/NOTIFY on a connection of its own (a pooled connection cannot stay subscribed).
// Reconnects after a failure; while disconnected, wait() just times out and the live hub's
// periodic refresh keeps streams correct, only slower.
#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <thread>

#include "store/postgres/pg_database.hpp"

namespace gatepass::store {

namespace {
constexpr const char* kChannel = "gatepass_live";

class PgChangeFeed final : public ChangeFeed {
 public:
  explicit PgChangeFeed(std::string url) : url_(std::move(url)) { connect(); }
  ~PgChangeFeed() override {
    if (conn_) PQfinish(conn_);
  }

  void publish(const std::vector<std::int64_t>& event_ids) override {
    if (event_ids.empty() || !ensure_connected()) return;
    // One NOTIFY carries many ids: "1,2,3" (a payload may be up to 8000 bytes).
    std::string payload;
    for (auto id : event_ids) {
      if (payload.size() > 7000) break;  // the periodic refresh covers the rest
      if (!payload.empty()) payload += ',';
      payload += std::to_string(id);
    }
    const char* values[] = {kChannel, payload.c_str()};
    PGresult* res = PQexecParams(conn_, "SELECT pg_notify($1, $2)", 2, nullptr, values, nullptr, nullptr, 0);
    const bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    if (!ok) drop("NOTIFY failed");
  }

  std::vector<std::int64_t> wait(int timeout_ms) override {
    std::vector<std::int64_t> out;
    if (!ensure_connected()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
      return out;
    }
    collect(out);
    if (!out.empty()) return out;
    pollfd fd{PQsocket(conn_), POLLIN, 0};
    if (::poll(&fd, 1, timeout_ms) > 0) {
      if (PQconsumeInput(conn_) == 0) {
        drop("connection lost");
        return out;
      }
      collect(out);
    }
    return out;
  }

 private:
  void collect(std::vector<std::int64_t>& out) {
    PQconsumeInput(conn_);
    while (PGnotify* n = PQnotifies(conn_)) {
      std::string_view payload(n->extra);
      while (!payload.empty()) {
        const auto comma = payload.find(',');
        const auto part = payload.substr(0, comma);
        std::int64_t id = 0;
        if (std::from_chars(part.data(), part.data() + part.size(), id).ec == std::errc{}) out.push_back(id);
        payload = comma == std::string_view::npos ? std::string_view{} : payload.substr(comma + 1);
      }
      PQfreemem(n);
    }
  }

  void connect() {
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) return drop("cannot connect");
    PGresult* res = PQexec(conn_, "LISTEN gatepass_live");
    const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (!ok) drop("LISTEN failed");
  }

  bool ensure_connected() {
    if (conn_ && PQstatus(conn_) == CONNECTION_OK) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now < next_attempt_) return false;
    next_attempt_ = now + std::chrono::seconds(1);
    if (conn_) PQfinish(conn_), conn_ = nullptr;
    connect();
    return conn_ != nullptr;
  }

  void drop(const char* why) {
    spdlog::warn("live change feed: {}: {}", why, conn_ ? PQerrorMessage(conn_) : "");
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
  }

  std::string url_;
  PGconn* conn_ = nullptr;
  std::chrono::steady_clock::time_point next_attempt_{};
};
}  // namespace

std::unique_ptr<ChangeFeed> PgDatabase::open_change_feed() { return std::make_unique<PgChangeFeed>(url_); }

}  // namespace gatepass::store
