#pragma once
// Settings come from flags, then environment variables, then a `.env` file (like the seed's),
// then defaults. Every value is checked at start: a bad one stops the program with a message
// naming the setting (ConfigError, exit code 2) instead of a crash or a silently wrong value.
// The token secret is never a built-in constant: it is SECRET_KEY or a random key generated
// once into the data directory (mode 0600).
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/context.hpp"

namespace gatepass::cli {

// A setting with a bad value; main() prints it and exits with code 2.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads KEY=VALUE lines of `path` into the environment without overriding what is already set.
void load_dotenv(const std::string& path);
std::optional<std::string> env(const char* name);

// `text` as a whole integer in [min, max], or ConfigError naming `setting`.
long long parse_integer_setting(const std::string& setting, const std::string& text, long long min, long long max);
// An IPv4 or IPv6 address (the listen address), or ConfigError.
std::string parse_host_setting(const std::string& setting, const std::string& text);
// Comma-separated IP addresses (GATEPASS_TRUSTED_PROXIES), or ConfigError.
std::set<std::string> parse_address_list_setting(const std::string& setting, const std::string& text);
// "127.0.0.1:9464" or "[::1]:9464": an IP address and a port (0: any free port).
std::pair<std::string, unsigned short> parse_listen_setting(const std::string& setting, const std::string& text);
// Comma-separated staff roles (GATEPASS_REQUIRE_2FA=admin,scanner), or ConfigError.
std::vector<Role> parse_staff_roles_setting(const std::string& setting, const std::string& text);
// sqlite://… or postgres(ql)[+driver]://…, or ConfigError.
void check_database_url(const std::string& url);

std::string default_database_url(const std::string& data_dir);
// Creates the data directory owner-only (0700); warns when an existing one is open to others.
// app_config calls it on SQLite whether or not SECRET_KEY is set, and on PostgreSQL when the
// directory exists (it holds attachments).
void prepare_data_dir(const std::string& data_dir);
// SECRET_KEY from the environment (checked for strength), else <data_dir>/secret.key (created
// 0600; an existing one is checked for strength and its permissions).
// PostgreSQL deployments must pass SECRET_KEY: every instance needs the same one.
std::string load_or_create_secret(const std::string& data_dir, bool shared_database);
// The two halves of it: SECRET_KEY (checked; ConfigError when weak, or missing on PostgreSQL),
// and <data_dir>/secret.key in an existing data directory.
std::optional<std::string> secret_from_environment(bool shared_database);
std::string load_or_create_secret_file(const std::string& data_dir);
// SMTP_URL, MAIL_FROM, MAIL_ENABLED, GATEPASS_PUBLIC_URL, GATEPASS_TEMPLATE_DIR.
app::MailSettings mail_settings();
app::Config app_config(const std::string& data_dir, bool shared_database);

}  // namespace gatepass::cli
