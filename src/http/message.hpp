#pragma once
// The HTTP layer's own request/response values. Handlers see only these, so only server.cpp has
// to include Beast (the expensive headers): handlers compile fast and are easy to test.
#include <map>
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

  std::optional<std::string> header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<std::string> param(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::nullopt : std::optional(it->second);
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace gatepass::http
