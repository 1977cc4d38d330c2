#pragma once
// The request target ("/api/x/y?a=1&b=%FF") split into decoded path segments and query
// parameters. Boost.URL does the parsing; kept apart from server.cpp so it needs no Beast and can
// be unit-tested and fuzzed on its own.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatepass::http {

struct RequestTarget {
  std::vector<std::string> path;             // percent-decoded segments; "/" -> empty
  std::map<std::string, std::string> query;  // decoded; the last value wins on repeats
};

// nullopt for a target that is not a valid origin-form URL.
std::optional<RequestTarget> parse_request_target(std::string_view target);

}  // namespace gatepass::http
