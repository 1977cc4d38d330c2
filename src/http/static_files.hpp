#pragma once
// The built web app (web/dist), loaded into memory at start: a request can only ever get one of
// the files that were there, so path tricks ("..", encoded slashes) have nothing to reach.
// The build leaves a brotli (.br) and a gzip (.gz) copy beside each text file; a request gets the
// best one its Accept-Encoding allows (with Vary: Accept-Encoding), never compressed on the fly.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace gatepass::http {

// "br", "gzip" or "" (identity) for an Accept-Encoding header, given which copies exist:
// the smallest the client accepts (q > 0), brotli before gzip.
std::string choose_encoding(const std::string& accept_encoding, bool have_brotli, bool have_gzip);

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& root);
  // Exact file, or index.html for app routes like /admin/registrations (client-side routing).
  Response serve(const std::vector<std::string>& path, const std::string& accept_encoding = "") const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    bool immutable;  // Vite's hashed assets can be cached for a year
    std::string brotli;  // empty: no precompressed copy
    std::string gzip;
  };
  std::unordered_map<std::string, File> files_;
};

}  // namespace gatepass::http
