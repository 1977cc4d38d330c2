#include "http/static_files.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/error_mapping.hpp"

namespace gatepass::http {

namespace fs = std::filesystem;

namespace {
std::string type_for(const std::string& ext) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                 {".ico", "image/x-icon"},
      {".wasm", "application/wasm"},         {".woff2", "font/woff2"},
      {".mp3", "audio/mpeg"},                {".wav", "audio/wav"},
      {".txt", "text/plain; charset=utf-8"}};
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

const char* kNotBuilt =
    "<!doctype html><meta charset=utf-8><title>Gatepass</title><h1>Gatepass server is running</h1>"
    "<p>The web app is not built. Run <code>npm --prefix web ci &amp;&amp; npm --prefix web run build</code>, "
    "or use the API: <a href=/api/docs>/api/docs</a>.</p>";
}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    spdlog::warn("web app folder '{}' not found; serving a placeholder page", root);
    return;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    files_[rel] = File{type_for(entry.path().extension().string()), body.str(), rel.starts_with("assets/")};
  }
  spdlog::info("serving {} web app files from {}", files_.size(), root);
}

Response StaticFiles::serve(const std::vector<std::string>& path) const {
  std::string key;
  for (const auto& seg : path) {
    if (seg == ".." || seg == "." || seg.find('\0') != std::string::npos)
      return error_response(404, "not_found", "No such file");
    key += (key.empty() ? "" : "/") + seg;
  }
  auto it = files_.find(key.empty() ? "index.html" : key);
  const bool looks_like_file = !path.empty() && path.back().find('.') != std::string::npos;
  if (it == files_.end() && !looks_like_file) it = files_.find("index.html");
  Response r;
  if (it == files_.end()) {
    if (files_.empty() && !looks_like_file) {
      r.content_type = "text/html; charset=utf-8";
      r.body = kNotBuilt;
      return r;
    }
    return error_response(404, "not_found", "No such file");
  }
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  r.headers.emplace_back("Cache-Control", it->second.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace gatepass::http
