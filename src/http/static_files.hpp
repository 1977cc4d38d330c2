#pragma once
// The built web app (web/dist), loaded into memory at start: a request can only ever get one of
// the files that were there, so path tricks ("..", encoded slashes) have nothing to reach.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace gatepass::http {

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);
  // Exact file, or index.html for app routes like /admin/registrations (client-side routing).
  Response serve(const std::vector<std::string>& path) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    bool immutable;  // Vite's hashed assets can be cached for a year
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace gatepass::http
