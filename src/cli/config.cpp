#include "cli/config.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "domain/crypto.hpp"

namespace gatepass::cli {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

void load_dotenv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    const auto eq = line.find('=', start);
    if (eq == std::string::npos) continue;
    std::string key = line.substr(start, eq - start);
    std::string value = line.substr(eq + 1);
    while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) key.pop_back();
    if (key.starts_with("export ")) key = key.substr(7);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    ::setenv(key.c_str(), value.c_str(), 0);
  }
}

std::string default_database_url(const std::string& data_dir) {
  return "sqlite://" + std::filesystem::absolute(data_dir + "/gatepass.db").string();
}

static void check_strength(const std::string& secret) {
  // Placeholders from examples (the seed ships "replace_with_a_strong_secret") are refused.
  if (secret.size() < 32 || secret.find("replace") != std::string::npos || secret.find("change") != std::string::npos ||
      secret.find("secret") != std::string::npos)
    throw std::runtime_error(
        "SECRET_KEY is too weak: use at least 32 random characters, e.g. `openssl rand -hex 32`");
}

std::string load_or_create_secret(const std::string& data_dir, bool shared_database) {
  if (auto s = env("SECRET_KEY")) {
    check_strength(*s);
    return *s;
  }
  if (shared_database)
    throw std::runtime_error(
        "SECRET_KEY must be set when DATABASE_URL is PostgreSQL: every instance must share it "
        "(tokens and ticket signing keys depend on it)");
  std::filesystem::create_directories(data_dir);
  const std::string path = data_dir + "/secret.key";
  std::ifstream in(path);
  std::string secret;
  if (in && std::getline(in, secret) && !secret.empty()) return secret;
  const auto bytes = crypto::random_bytes(32);
  secret = crypto::to_hex(bytes.data(), bytes.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path);
  const std::string line = secret + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path);
  return secret;
}

app::Config app_config(const std::string& data_dir, bool shared_database) {
  app::Config c;
  c.data_dir = data_dir;
  c.secret_key = load_or_create_secret(data_dir, shared_database);
  if (auto m = env("ACCESS_TOKEN_EXPIRE_MINUTES")) {
    const long minutes = std::strtol(m->c_str(), nullptr, 10);
    if (minutes < 1 || minutes > 7 * 24 * 60) throw std::runtime_error("ACCESS_TOKEN_EXPIRE_MINUTES must be 1..10080");
    c.token_ttl_ms = minutes * 60'000LL;
  }
  return c;
}

}  // namespace gatepass::cli
