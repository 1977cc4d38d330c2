#include "cli/config.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "app/time_zones.hpp"
#include "domain/crypto.hpp"
#include "domain/validation.hpp"
#include "http/client_address.hpp"
#include "store/db.hpp"

namespace gatepass::cli {

namespace fs = std::filesystem;

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

long long parse_integer_setting(const std::string& setting, const std::string& text, long long min, long long max) {
  long long out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || out < min || out > max)
    throw ConfigError(setting + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                      " (got \"" + validation::escape_bytes(text, 40) + "\")");
  return out;
}

static bool is_ip_address(const std::string& text) {
  unsigned char buf[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 || ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

std::string parse_host_setting(const std::string& setting, const std::string& text) {
  if (!is_ip_address(text))
    throw ConfigError(setting + " must be an IP address such as 127.0.0.1 or 0.0.0.0 (got \"" +
                      validation::escape_bytes(text, 60) + "\")");
  return text;
}

std::set<std::string> parse_address_list_setting(const std::string& setting, const std::string& text) {
  auto out = http::parse_address_list(text);
  for (const auto& item : out)
    if (!is_ip_address(item))
      throw ConfigError(setting + " must list IP addresses separated by commas (\"" +
                        validation::escape_bytes(item, 60) + "\" is not one)");
  return out;
}

std::pair<std::string, unsigned short> parse_listen_setting(const std::string& setting, const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw ConfigError(setting + " must be an address and a port such as 127.0.0.1:9464 (got \"" +
                      validation::escape_bytes(text, 60) + "\")");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  host = parse_host_setting(setting, host);
  const auto port = static_cast<unsigned short>(parse_integer_setting(setting + " port", text.substr(colon + 1), 0, 65535));
  return {host, port};
}

std::vector<Role> parse_staff_roles_setting(const std::string& setting, const std::string& text) {
  std::vector<Role> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const auto item = validation::trim(std::string_view(text).substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    const auto role = parse_role(item);
    // Two-factor sign-in is for staff: holders (attendee) cannot enrol, so cannot be required to.
    if (!role || *role == Role::attendee)
      throw ConfigError(setting + " must list staff roles (admin, scanner, viewer) separated by commas (\"" +
                        validation::escape_bytes(item, 40) + "\" is not one)");
    if (std::find(out.begin(), out.end(), *role) == out.end()) out.push_back(*role);
  }
  return out;
}

void check_database_url(const std::string& url) {
  const auto normalised = store::normalise_database_url(url);
  if (!(normalised.starts_with("sqlite://") || normalised.starts_with("postgresql://") ||
        normalised.starts_with("postgres://")))
    throw ConfigError("DATABASE_URL / --database-url must start with sqlite:// or postgresql:// (got \"" +
                      validation::escape_bytes(url.substr(0, url.find("://")), 40) + "://…\")");
}

std::string default_database_url(const std::string& data_dir) {
  return "sqlite://" + fs::absolute(data_dir + "/gatepass.db").string();
}

static bool open_to_others(const fs::path& p) {
  std::error_code ec;
  const auto perms = fs::status(p, ec).permissions();
  return !ec && (perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none;
}

void prepare_data_dir(const std::string& data_dir) {
  if (data_dir.empty()) throw ConfigError("GATEPASS_DATA_DIR / --data-dir must not be empty");
  std::error_code ec;
  if (!fs::exists(data_dir, ec)) {
    fs::create_directories(data_dir);
    fs::permissions(data_dir, fs::perms::owner_all, fs::perm_options::replace);
  } else if (open_to_others(data_dir)) {
    spdlog::warn("data directory {} can be read by other users; `chmod 700 {}` is advised (it holds the "
                 "database, the secret key and payment proofs)",
                 data_dir, data_dir);
  }
}

static void check_strength(const std::string& secret, const std::string& where) {
  // Placeholders from examples (the seed ships "replace_with_a_strong_secret") are refused.
  if (secret.size() < 32 || secret.find("replace") != std::string::npos || secret.find("change") != std::string::npos ||
      secret.find("secret") != std::string::npos)
    throw ConfigError(where + " is too weak: use at least 32 random characters, e.g. `openssl rand -hex 32`");
}

std::optional<std::string> secret_from_environment(bool shared_database) {
  if (auto s = env("SECRET_KEY")) {
    check_strength(*s, "SECRET_KEY");
    return s;
  }
  if (shared_database)
    throw ConfigError(
        "SECRET_KEY must be set when DATABASE_URL is PostgreSQL: every instance must share it "
        "(tokens and ticket signing keys depend on it)");
  return std::nullopt;
}

std::string load_or_create_secret_file(const std::string& data_dir) {
  const std::string path = data_dir + "/secret.key";
  if (fs::exists(path)) {
    std::ifstream in(path);
    if (!in) throw ConfigError("cannot read " + path);
    std::string secret;
    std::getline(in, secret);
    secret = validation::trim(secret);
    check_strength(secret, path);
    if (open_to_others(path)) spdlog::warn("{} can be read by other users; `chmod 600 {}` is advised", path, path);
    return secret;
  }
  const auto bytes = crypto::random_bytes(32);
  const std::string secret = crypto::to_hex(bytes.data(), bytes.size());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path);
  const std::string line = secret + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path);
  return secret;
}

std::string load_or_create_secret(const std::string& data_dir, bool shared_database) {
  if (auto s = secret_from_environment(shared_database)) return *s;
  prepare_data_dir(data_dir);
  return load_or_create_secret_file(data_dir);
}

app::MailSettings mail_settings() {
  app::MailSettings m;
  if (auto url = env("SMTP_URL"); url && !url->empty()) {
    if (!url->starts_with("smtp://") && !url->starts_with("smtps://"))
      throw ConfigError("SMTP_URL must start with smtp:// (STARTTLS when offered) or smtps://, like smtp://user:pass@mail.example.org:587");
    m.smtp_url = *url;
  }
  if (auto from = env("MAIL_FROM")) {
    if (from->find('@') == std::string::npos || from->find_first_of("\r\n") != std::string::npos)
      throw ConfigError("MAIL_FROM must be an address, like 'Box Office <tickets@example.org>'");
    m.from = *from;
  }
  if (auto on = env("MAIL_ENABLED")) m.enabled = parse_integer_setting("MAIL_ENABLED", *on, 0, 1) == 1;
  if (auto url = env("GATEPASS_PUBLIC_URL")) {
    if (!url->starts_with("http://") && !url->starts_with("https://"))
      throw ConfigError("GATEPASS_PUBLIC_URL must be the address people open, like https://tickets.example.org");
    m.public_url = *url;
    while (m.public_url.size() > 8 && m.public_url.back() == '/') m.public_url.pop_back();
  }
  if (auto dir = env("GATEPASS_TEMPLATE_DIR")) {
    std::error_code ec;
    if (!fs::is_directory(*dir, ec)) throw ConfigError("GATEPASS_TEMPLATE_DIR is not a directory: " + *dir);
    m.template_dir = *dir;
  }
  return m;
}

app::Config app_config(const std::string& data_dir, bool shared_database) {
  app::Config c;
  c.data_dir = data_dir;
  if (auto m = env("ACCESS_TOKEN_EXPIRE_MINUTES"))
    c.token_ttl_ms = parse_integer_setting("ACCESS_TOKEN_EXPIRE_MINUTES", *m, 1, 7 * 24 * 60) * 60'000LL;
  if (auto w = env("GATEPASS_PUBLIC_WRITES_PER_MINUTE"))
    c.public_writes_per_minute = static_cast<int>(parse_integer_setting("GATEPASS_PUBLIC_WRITES_PER_MINUTE", *w, 0, 100'000));
  if (auto l = env("GATEPASS_LINK_MISSES_PER_MINUTE"))
    c.link_misses_per_minute = static_cast<int>(parse_integer_setting("GATEPASS_LINK_MISSES_PER_MINUTE", *l, 0, 100'000));
  if (auto h = env("GATEPASS_CLAIM_COOLING_OFF_HOURS"))
    c.claim_cooling_off_ms = parse_integer_setting("GATEPASS_CLAIM_COOLING_OFF_HOURS", *h, 0, 24 * 365) * 3600'000LL;
  if (auto m = env("GATEPASS_UNDO_ADMISSION_MINUTES"))
    c.undo_admission_window_ms = parse_integer_setting("GATEPASS_UNDO_ADMISSION_MINUTES", *m, 0, 24 * 60) * 60'000LL;
  if (auto n = env("GATEPASS_GATE_LOOKUPS_PER_MINUTE"))
    c.gate_lookups_per_minute = static_cast<int>(parse_integer_setting("GATEPASS_GATE_LOOKUPS_PER_MINUTE", *n, 0, 100'000));
  if (auto mb = env("GATEPASS_READY_MIN_FREE_MB"))
    c.ready_min_free_bytes = parse_integer_setting("GATEPASS_READY_MIN_FREE_MB", *mb, 0, 1'000'000'000) * 1024 * 1024;
  if (auto m = env("GATEPASS_READY_MAX_OUTBOX_AGE_MINUTES"))
    c.ready_max_outbox_age_ms = parse_integer_setting("GATEPASS_READY_MAX_OUTBOX_AGE_MINUTES", *m, 1, 7 * 24 * 60) * 60'000LL;
  if (auto n = env("GATEPASS_TRANSFER_OFFERS_PER_DAY"))
    c.transfer_offers_per_day = static_cast<int>(parse_integer_setting("GATEPASS_TRANSFER_OFFERS_PER_DAY", *n, 1, 1000));
  if (auto zone = env("GATEPASS_DEFAULT_TIME_ZONE")) {
    if (!app::time_zones::known(*zone))
      throw ConfigError("GATEPASS_DEFAULT_TIME_ZONE must be a time zone of the tz database, like Europe/Berlin: " + *zone);
    c.default_time_zone = *zone;
  }
  if (auto roles = env("GATEPASS_REQUIRE_2FA"))
    c.require_second_factor = parse_staff_roles_setting("GATEPASS_REQUIRE_2FA", *roles);
  c.mail = mail_settings();
  auto secret = secret_from_environment(shared_database);
  // Last: it creates the data directory, which a bad setting above should not leave behind. It is
  // needed with SECRET_KEY set too (the SQLite file, attachments). On PostgreSQL only attachments
  // live there (created on first upload, 0700 by the umask): an existing one is still checked.
  std::error_code ec;
  if (!shared_database || fs::exists(data_dir, ec)) prepare_data_dir(data_dir);
  c.secret_key = secret ? std::move(*secret) : load_or_create_secret_file(data_dir);
  return c;
}

}  // namespace gatepass::cli
