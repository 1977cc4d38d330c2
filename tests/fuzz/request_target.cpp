// The request line's target: path segments and query parameters, percent-decoded.
#include <algorithm>

#include "fuzz.hpp"
#include "http/request_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto target = as_text(data, size);
  const auto parsed = gatepass::http::parse_request_target(target);
  if (!parsed) return 0;
  FUZZ_CHECK(!target.empty() && target.front() == '/');
  const auto slashes = static_cast<std::size_t>(std::count(target.begin(), target.end(), '/'));
  FUZZ_CHECK(parsed->path.size() <= slashes);
  FUZZ_CHECK(parsed->query.size() <= target.size());
  return 0;
}
