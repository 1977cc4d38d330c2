// multipart/form-data bodies as a browser (or an attacker) sends them to POST /api/register.
// Input: the Content-Type header's value on the first line, the body after it.
#include <string>

#include "domain/error.hpp"
#include "fuzz.hpp"
#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = as_text(data, size);
  const auto newline = input.find('\n');
  const std::string content_type(newline == std::string_view::npos ? "multipart/form-data; boundary=B" : input.substr(0, newline));
  const std::string body(newline == std::string_view::npos ? input : input.substr(newline + 1));
  try {
    const auto parts = gatepass::http::parse_multipart(body, content_type);
    FUZZ_CHECK(parts.size() <= 32);
    for (const auto& p : parts) {
      FUZZ_CHECK(!p.name.empty());
      FUZZ_CHECK(p.data.size() <= body.size());
      FUZZ_CHECK(body.find(p.data) != std::string::npos);  // data is a slice of the body, never made up
    }
  } catch (const gatepass::Error& e) {
    FUZZ_CHECK(e.code() == gatepass::ErrorCode::validation);  // malformed input is a 400, nothing else
  }
  return 0;
}
