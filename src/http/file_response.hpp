#pragma once
// A file answer (QR image, PDF, CSV): ticket codes inside, so never in a shared cache.
#include <string>

#include "http/message.hpp"

namespace gatepass::http {

enum class Disposition { inline_, attachment };

inline Response file_response(std::string body, const char* content_type, const std::string& file_name,
                              Disposition d = Disposition::inline_) {
  Response r;
  r.content_type = content_type;
  r.body = std::move(body);
  r.headers.emplace_back("Cache-Control", "private, no-store");
  r.headers.emplace_back("Content-Disposition",
                         std::string(d == Disposition::inline_ ? "inline" : "attachment") + "; filename=\"" + file_name + "\"");
  return r;
}

}  // namespace gatepass::http
