#pragma once
// The HTTP layer's own request/response values. Handlers see only these, so only server.cpp has
// to include Beast (the expensive headers): handlers compile fast and are easy to test.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gatepass::http {

struct Request {
  std::string method;                         // "GET", "POST", …
  std::vector<std::string> path;              // percent-decoded segments of the path
  std::map<std::string, std::string> query;   // decoded; the last value wins on repeats
  std::map<std::string, std::string> headers; // names in lower case
  std::string body;
  std::string client_address;  // the TCP peer (put a proxy's X-Forwarded-For handling here if needed)
  std::string request_id;      // X-Request-Id: the client's when well formed, else made here

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<std::string> param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::nullopt : std::optional(it->second);
  }
};

// A body sent piece by piece (chunked transfer encoding): long answers such as CSV exports are
// never built in memory, endless ones such as live streams stay open. Only server.cpp drives it.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Appends the next piece to `out`; returns false when the body is complete. A finite stream
  // runs on the blocking pool and may read the database; an endless one is polled on an I/O
  // thread every poll_ms and must not block (an empty piece: nothing new yet).
  virtual bool next(std::string& out) = 0;
  virtual bool endless() const { return false; }
  virtual int poll_ms() const { return 100; }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;  // sent first; with `stream`, the stream's pieces follow
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<BodyStream> stream;
};

}  // namespace gatepass::http
