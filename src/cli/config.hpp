#pragma once
// Settings come from flags, then environment variables, then a `.env` file (like the seed's),
// then defaults. The token secret is never a built-in constant: it is SECRET_KEY or a random
// key generated once into the data directory (mode 0600).
#include <optional>
#include <string>

#include "app/context.hpp"

namespace gatepass::cli {

// Reads KEY=VALUE lines of `path` into the environment without overriding what is already set.
void load_dotenv(const std::string& path);
std::optional<std::string> env(const char* name);

std::string default_database_url(const std::string& data_dir);
// SECRET_KEY from the environment (checked for strength), else <data_dir>/secret.key.
// PostgreSQL deployments must pass SECRET_KEY: every instance needs the same one.
std::string load_or_create_secret(const std::string& data_dir, bool shared_database);
app::Config app_config(const std::string& data_dir, bool shared_database);

}  // namespace gatepass::cli
