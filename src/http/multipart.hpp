#pragma once
// multipart/form-data (RFC 7578) for the registration form's attachment. Strict and bounded:
// malformed input is a 400, never a crash or a partial read.
#include <optional>
#include <string>
#include <vector>

namespace gatepass::http {

struct FormPart {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type;
  std::string data;
};

std::vector<FormPart> parse_multipart(const std::string& body, const std::string& content_type_header);

}  // namespace gatepass::http
