// multipart/form-data bodies as a browser (or an attacker) sends them to POST /api/register.
// Input: the Content-Type header's value on the first line, the body after it.
#include <string>

#include "domain/error.hpp"
#include "fuzz.hpp"
#include "http/multipart.hpp"

namespace {
// A quoted header parameter that reads back as `s` (CR and LF escaped too, so no line break).
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '\r' || c == '\n') out += '\\';
    out += c;
  }
  return out + "\"";
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = as_text(data, size);
  const auto newline = input.find('\n');
  const std::string content_type(newline == std::string_view::npos ? "multipart/form-data; boundary=B" : input.substr(0, newline));
  const std::string body(newline == std::string_view::npos ? input : input.substr(newline + 1));
  std::vector<gatepass::http::FormPart> parts;
  try {
    parts = gatepass::http::parse_multipart(body, content_type);
  } catch (const gatepass::Error& e) {
    FUZZ_CHECK(e.code() == gatepass::ErrorCode::validation);  // malformed input is a 400, nothing else
    return 0;
  }
  FUZZ_CHECK(parts.size() <= 32);
  for (const auto& p : parts) {
    FUZZ_CHECK(!p.name.empty());
    FUZZ_CHECK(p.data.size() <= body.size());
    FUZZ_CHECK(body.find(p.data) != std::string::npos);  // data is a slice of the body, never made up
  }
  // What was read, written again as a browser would (another boundary, one header of each kind),
  // reads back the same: names, file names, types and data do not depend on where a parameter sits.
  std::string boundary = "fz";
  for (int i = 0; body.find(boundary) != std::string::npos; ++i) boundary = "fz" + std::to_string(i);
  std::string again;
  for (const auto& p : parts) {
    again += "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quoted(p.name);
    if (p.filename) again += "; filename=" + quoted(*p.filename);
    again += "\r\n";
    if (!p.content_type.empty()) again += "Content-Type: " + p.content_type + "\r\n";
    again += "\r\n" + p.data + "\r\n";
  }
  again += "--" + boundary + "--\r\n";
  const auto reread = gatepass::http::parse_multipart(again, "multipart/form-data; boundary=" + boundary);
  FUZZ_CHECK(reread.size() == parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    FUZZ_CHECK(reread[i].name == parts[i].name);
    FUZZ_CHECK(reread[i].filename == parts[i].filename);
    FUZZ_CHECK(reread[i].content_type == parts[i].content_type);
    FUZZ_CHECK(reread[i].data == parts[i].data);
  }
  return 0;
}
