#include "http/static_files.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
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

std::string choose_encoding(const std::string& accept_encoding, bool have_brotli, bool have_gzip) {
  // Quality of each coding the client names; "*" stands for any coding not named.
  std::unordered_map<std::string, double> quality;
  std::size_t start = 0;
  while (start < accept_encoding.size()) {
    auto end = accept_encoding.find(',', start);
    if (end == std::string::npos) end = accept_encoding.size();
    std::string item = accept_encoding.substr(start, end - start);
    start = end + 1;
    double q = 1.0;
    if (const auto semi = item.find(';'); semi != std::string::npos) {
      const auto qpos = item.find("q=", semi);
      if (qpos != std::string::npos) q = std::strtod(item.c_str() + qpos + 2, nullptr);
      item.resize(semi);
    }
    const auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b == std::string::npos) continue;
    std::string coding = item.substr(b, e - b + 1);
    for (auto& ch : coding) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    quality[coding] = q;
  }
  auto accepts = [&](const std::string& coding) {
    if (auto it = quality.find(coding); it != quality.end()) return it->second > 0;
    if (auto it = quality.find("*"); it != quality.end()) return it->second > 0;
    return false;
  };
  if (have_brotli && accepts("br")) return "br";
  if (have_gzip && accepts("gzip")) return "gzip";
  return "";
}

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    spdlog::warn("web app folder '{}' not found; serving a placeholder page", root);
    return;
  }
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    return body.str();
  };
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    const auto ext = entry.path().extension().string();
    if (ext == ".br" || ext == ".gz") continue;  // copies: attached to their file below
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    File f{type_for(ext), read(entry.path()), rel.starts_with("assets/"), {}, {}};
    if (fs::exists(entry.path().string() + ".br")) f.brotli = read(entry.path().string() + ".br");
    if (fs::exists(entry.path().string() + ".gz")) f.gzip = read(entry.path().string() + ".gz");
    files_[rel] = std::move(f);
  }
  spdlog::info("serving {} web app files from {}", files_.size(), root);
}

Response StaticFiles::serve(const std::vector<std::string>& path, const std::string& accept_encoding) const {
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
  const File& f = it->second;
  r.content_type = f.content_type;
  const auto coding = choose_encoding(accept_encoding, !f.brotli.empty(), !f.gzip.empty());
  r.body = coding == "br" ? f.brotli : coding == "gzip" ? f.gzip : f.body;
  if (!coding.empty()) r.headers.emplace_back("Content-Encoding", coding);
  // Caches must keep one copy per encoding (a gzip answer is no use to a client without gzip).
  if (!f.brotli.empty() || !f.gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  r.headers.emplace_back("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace gatepass::http
