#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "domain/error.hpp"

namespace gatepass::http {

namespace {
constexpr std::size_t kMaxParts = 32;

[[noreturn]] void bad(const std::string& why) {
  throw Error(ErrorCode::validation, "Malformed multipart body", {{"body", why}});
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Value of `key` in a header like: form-data; name="x"; filename="y" (quoted or token). The
// parameters are read left to right, so text inside one parameter's value (a name like
// `a filename=b`) is never taken for another parameter. The first occurrence of a key wins.
std::optional<std::string> header_param(const std::string& header, const std::string& key) {
  std::optional<std::string> found;
  const std::size_t n = header.size();
  std::size_t i = 0;
  while (i < n) {
    while (i < n && is_blank(header[i])) ++i;
    const std::size_t name_start = i;
    while (i < n && header[i] != '=' && header[i] != ';') ++i;
    std::string name = lower(header.substr(name_start, i - name_start));
    while (!name.empty() && is_blank(name.back())) name.pop_back();
    if (i < n && header[i] == '=') {
      ++i;
      while (i < n && is_blank(header[i])) ++i;
      std::string value;
      if (i < n && header[i] == '"') {
        bool closed = false;
        for (++i; i < n; ++i) {
          if (header[i] == '\\' && i + 1 < n) value += header[++i];
          else if (header[i] == '"') {
            closed = true;
            break;
          } else value += header[i];
        }
        if (!closed) bad("unterminated quoted parameter");
        i = std::min(header.find(';', i), n);  // anything between the quote and ';' is ignored
      } else {
        const std::size_t end = std::min(header.find(';', i), n);
        value = header.substr(i, end - i);
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
        i = end;
      }
      if (name == key && !found) found = std::move(value);
    }
    if (i < n) ++i;  // past ';'
  }
  return found;
}
}  // namespace

std::vector<FormPart> parse_multipart(const std::string& body, const std::string& content_type) {
  const auto boundary = header_param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) bad("missing or invalid boundary");
  const std::string delimiter = "--" + *boundary;

  std::vector<FormPart> parts;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string::npos) bad("boundary not found");
  pos += delimiter.size();
  for (;;) {
    if (body.compare(pos, 2, "--") == 0) break;  // closing delimiter
    if (body.compare(pos, 2, "\r\n") != 0) bad("expected CRLF after boundary");
    pos += 2;
    const auto headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string::npos) bad("part headers not terminated");
    FormPart part;
    std::size_t line_start = pos;
    while (line_start < headers_end) {
      auto line_end = body.find("\r\n", line_start);
      if (line_end == std::string::npos || line_end > headers_end) line_end = headers_end;
      const std::string line = body.substr(line_start, line_end - line_start);
      const auto colon = line.find(':');
      if (colon == std::string::npos) bad("part header without ':'");
      const std::string name = lower(line.substr(0, colon));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (name == "content-disposition") {
        part.name = header_param(value, "name").value_or("");
        part.filename = header_param(value, "filename");
      } else if (name == "content-type") {
        part.content_type = value;
      }
      line_start = line_end + 2;
    }
    const std::size_t data_start = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string::npos) bad("part not terminated by the boundary");
    part.data = body.substr(data_start, next - data_start);
    if (part.name.empty()) bad("part without a name");
    parts.push_back(std::move(part));
    if (parts.size() > kMaxParts) bad("too many parts");
    pos = next + 2 + delimiter.size();
  }
  return parts;
}

}  // namespace gatepass::http
