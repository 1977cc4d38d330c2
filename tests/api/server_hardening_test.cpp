// Issue 6, findings 6 and 7: rejected scans do not wait for commits; slow and hostile clients
// are cut off with an answer and cannot take every connection.
#include <optional>
#include <thread>

#include <boost/json.hpp>

#include "app/audit.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"
#include "support/raw_socket.hpp"
#include "support/wrapped_db.hpp"

using namespace gatepass;
using namespace gatepass::testing;
using namespace std::chrono_literals;

class ServerHardening : public ApiFixture {};

// Finding 6: with every write held up, the gate's read path still answers rejections at once,
// and the rejections are written (coalesced) as soon as writes flow again.
TEST_P(ServerHardening, RejectedScansDoNotWaitForTheDatabase) {
  const auto ev = create_event_http({{"name", "E"}});
  const auto scanner = token_for_new_user("gate1", "scanner");
  GatedWritesDatabase gated(*tdb->db);
  {
    app::Context gated_ctx(gated, test_config(data_dir));
    unsigned short gated_port = 0;
    auto s = start_server(gated_ctx, gated_port);
    HttpClient c(gated_port);
    gated.close_gate();
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 20; ++i) {
      auto r = c.get("/api/verify-ticket/GP1:NOTAREALCODE?event_id=" + std::to_string(ev), scanner);
      EXPECT_EQ(r.status, 404) << r.body;
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s) << "no rejection waited for the held write";
    const auto before = app::list_audit(gated_ctx, {"checkin.verify_invalid", std::nullopt}, {200, 0});
    EXPECT_EQ(before.total, 0) << "nothing could be written yet";
    gated.open_gate();
    gated_ctx.audit_queue.flush();
    const auto after = app::list_audit(gated_ctx, {"checkin.verify_invalid", std::nullopt}, {200, 0});
    std::int64_t counted = 0;
    for (const auto& row : after.items) {
      const auto details = boost::json::parse(row.details_json);
      counted += details.at("count").as_int64();
      EXPECT_EQ(details.at("code").as_string(), "GP1:NOTAREALCODE");
    }
    EXPECT_EQ(counted, 20) << "every rejection is accounted for";
    EXPECT_LE(after.total, 2) << "identical rejections from one account are coalesced";
  }
}

TEST_P(ServerHardening, QueuedAuditRowsAreWrittenBeforeTheContextStops) {
  const auto scanner = token_for_new_user("gate1", "scanner");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client->get("/api/verify-ticket/GP1:BAD" + std::to_string(i), scanner).status, 404);
  server.reset();
  ctx.reset();  // destroying the context drains its audit queue
  app::Context reopened(*tdb->db, test_config(data_dir));
  EXPECT_EQ(app::list_audit(reopened, {"checkin.verify_invalid", std::nullopt}, {200, 0}).total, 5);
}

namespace {
void fast_deadlines(gatepass::http::ServerOptions& o) {
  o.header_timeout_ms = 600;
  o.body_min_bytes_per_second = 4096;
  o.max_connections = 400;
}
}  // namespace

// Finding 7: headers have a short deadline, bodies a minimum rate; both get 408 before closing.
TEST_P(ServerHardening, SlowHeadersAndSlowBodiesGet408) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p, fast_deadlines);
  RawSocket headers(p);
  ASSERT_TRUE(headers.send("GET /api/health HTTP/1.1\r\nHost: x\r\n"));
  const auto answer = headers.read(5s, "\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << answer;
  EXPECT_NE(answer.find("request_timeout"), std::string::npos) << answer;

  RawSocket body(p);
  ASSERT_TRUE(body.send("POST /api/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        "Content-Length: 100000\r\n\r\n{\"name\":"));
  const auto started = std::chrono::steady_clock::now();
  std::string slow;
  for (int i = 0; i < 40 && slow.empty(); ++i) {  // a byte every 100 ms: far below 4 KB/s
    body.send("x");
    slow = body.read(100ms, "\r\n\r\n");
  }
  EXPECT_TRUE(slow.starts_with("HTTP/1.1 408")) << slow;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 4s);
}

TEST_P(ServerHardening, ASlowlorisCrowdDoesNotSilenceTheHealthCheck) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p, fast_deadlines);
  std::vector<std::unique_ptr<RawSocket>> crowd;
  for (int i = 0; i < 200; ++i) {
    crowd.push_back(std::make_unique<RawSocket>(p));
    crowd.back()->send("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  }
  HttpClient health(p);
  for (int i = 0; i < 5; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(health.get("/api/health").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
  }
  int timed_out = 0;
  for (auto& sock : crowd)
    if (sock->read(5s, "\r\n\r\n").starts_with("HTTP/1.1 408")) ++timed_out;
  EXPECT_EQ(timed_out, 200) << "each half-open request was answered 408 and closed";
}

TEST_P(ServerHardening, ConnectionsBeyondTheCapGet503) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p, [](gatepass::http::ServerOptions& o) { o.max_connections = 10; });
  std::vector<std::unique_ptr<HttpClient>> held;
  for (int i = 0; i < 10; ++i) {
    held.push_back(std::make_unique<HttpClient>(p));
    ASSERT_EQ(held.back()->get("/api/health").status, 200);  // accepted and kept alive
  }
  RawSocket extra(p);
  extra.send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto answer = extra.read(5s, "\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 503")) << answer;
  held.pop_back();  // one leaves: room for a new connection once the server has seen it close
  std::string after;
  // Until a deadline rather than a count: under load 50 quick attempts could all come before the
  // server's I/O thread read the closed connection's end (seen once on the clean-clone CI).
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline && !after.starts_with("HTTP/1.1 200")) {
    RawSocket again(p);
    again.send("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    after = again.read(2s, "\r\n\r\n");
  }
  EXPECT_TRUE(after.starts_with("HTTP/1.1 200")) << after;
}

// Answers are written as their status line and fields in one buffer and the body in another
// (server.cpp, header_bytes): the bytes must be what an HTTP client expects on every kind of
// connection — kept alive, HTTP/1.0 (closed after), HEAD (the length without the body), an error.
namespace {
struct WireAnswer {
  std::string status_line, head, body;
  std::optional<std::size_t> content_length;
};
// Splits the first answer off `bytes` (which it consumes) by its Content-Length.
std::optional<WireAnswer> take_answer(std::string& bytes, bool head_request = false) {
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string::npos) return std::nullopt;
  WireAnswer a;
  a.head = bytes.substr(0, end + 2);
  a.status_line = a.head.substr(0, a.head.find("\r\n"));
  const auto at = a.head.find("\r\nContent-Length: ");
  if (at != std::string::npos) a.content_length = std::stoul(a.head.substr(at + 18));
  const std::size_t body_size = head_request ? 0 : a.content_length.value_or(0);
  if (bytes.size() < end + 4 + body_size) return std::nullopt;
  a.body = bytes.substr(end + 4, body_size);
  bytes.erase(0, end + 4 + body_size);
  return a;
}
}  // namespace

TEST_P(ServerHardening, AnswersAreWellFormedHttpOnEveryConnectionKind) {
  unsigned short p = 0;
  auto s = start_server(*ctx, p);
  {  // two requests on one kept-alive connection, sent together
    RawSocket conn(p);
    ASSERT_TRUE(conn.send("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::string bytes;
    std::optional<WireAnswer> first, second;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while ((!first || !second) && std::chrono::steady_clock::now() < deadline) {
      bytes += conn.read(500ms, "\r\n\r\n");
      if (!first) first = take_answer(bytes);
      if (first && !second) second = take_answer(bytes);
    }
    ASSERT_TRUE(first && second) << bytes;
    EXPECT_EQ(first->status_line, "HTTP/1.1 200 OK");
    ASSERT_TRUE(first->content_length);
    EXPECT_EQ(*first->content_length, first->body.size());
    EXPECT_TRUE(boost::json::parse(first->body).as_object().contains("status")) << first->body;
    EXPECT_NE(first->head.find("\r\nX-Request-Id: "), std::string::npos) << first->head;
    EXPECT_EQ(second->status_line, "HTTP/1.1 404 Not Found");
    EXPECT_EQ(boost::json::parse(second->body).at("error").at("code").as_string(), "not_found") << second->body;
    EXPECT_TRUE(bytes.empty()) << "bytes after the two answers: " << bytes;
  }
  std::size_t get_length = 0;
  {  // HTTP/1.0 without keep-alive: the answer, then the server closes
    RawSocket conn(p);
    ASSERT_TRUE(conn.send("GET /api/health HTTP/1.0\r\n\r\n"));
    auto bytes = conn.read(10s);  // until closed
    const auto answer = take_answer(bytes);
    ASSERT_TRUE(answer) << bytes;
    EXPECT_EQ(answer->status_line, "HTTP/1.0 200 OK");
    EXPECT_EQ(answer->content_length, answer->body.size());
    EXPECT_TRUE(bytes.empty()) << bytes;
    get_length = answer->body.size();
  }
  {  // HEAD: GET's length, no body; Connection: close is honoured
    RawSocket conn(p);
    ASSERT_TRUE(conn.send("HEAD /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    auto bytes = conn.read(10s);
    const auto answer = take_answer(bytes, true);
    ASSERT_TRUE(answer) << bytes;
    EXPECT_EQ(answer->status_line, "HTTP/1.1 200 OK");
    EXPECT_EQ(answer->content_length, get_length);
    EXPECT_NE(answer->head.find("\r\nConnection: close\r\n"), std::string::npos) << answer->head;
    EXPECT_TRUE(bytes.empty()) << "a HEAD answer carried a body: " << bytes;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerHardening, ::testing::ValuesIn(backends()), backend_name);
