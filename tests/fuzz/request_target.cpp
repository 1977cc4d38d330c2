// The request line's target: path segments and query parameters, percent-decoded.
#include <algorithm>

#include "fuzz.hpp"
#include "http/request_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto target = as_text(data, size);
  const auto parsed = gatepass::http::parse_request_target(target);
  if (!parsed) return 0;
  FUZZ_CHECK(!target.empty() && target.front() == '/');
  FUZZ_CHECK(target.find('#') == std::string_view::npos);  // origin-form has no fragment
  const auto question = target.find('?');
  const auto path = target.substr(0, question);
  const auto slashes = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
  FUZZ_CHECK(parsed->path.size() <= slashes);
  // Decoding only shrinks: no segment, key or value is longer than the text it came from.
  for (const auto& seg : parsed->path) FUZZ_CHECK(seg.size() <= path.size());
  if (question == std::string_view::npos) {
    FUZZ_CHECK(parsed->query.empty());
  } else {
    const auto query = target.substr(question + 1);
    FUZZ_CHECK(parsed->query.size() <= static_cast<std::size_t>(std::count(query.begin(), query.end(), '&')) + 1);
    for (const auto& [k, v] : parsed->query) FUZZ_CHECK(k.size() + v.size() <= query.size());
  }
  // Same text, same answer.
  const auto again = gatepass::http::parse_request_target(target);
  FUZZ_CHECK(again && again->path == parsed->path && again->query == parsed->query);
  return 0;
}
