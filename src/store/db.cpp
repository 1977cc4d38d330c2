#include "store/db.hpp"

#include "store/postgres/pg_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace gatepass::store {

std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

std::int64_t Row::integer(std::size_t i) const {
  const auto& v = values.at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto s = std::get_if<std::string>(&v)) return std::stoll(*s);
  if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  throw std::runtime_error("column " + std::to_string(i) + " is NULL, expected an integer");
}

std::string Row::text(std::size_t i) const {
  const auto& v = values.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  throw std::runtime_error("column " + std::to_string(i) + " is NULL, expected text");
}

std::optional<std::int64_t> Row::opt_integer(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

// SQLAlchemy-style URLs name a Python driver ("sqlite+aiosqlite://", "postgresql+psycopg2://");
// a .env written for the seed's FastAPI service keeps working once the driver part is dropped.
std::string normalise_database_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  const auto plus = url.find('+');
  if (scheme_end == std::string::npos || plus == std::string::npos || plus > scheme_end) return url;
  return url.substr(0, plus) + url.substr(scheme_end);
}

std::unique_ptr<Database> open_database(const std::string& raw_url) {
  const std::string url = normalise_database_url(raw_url);
  if (url.starts_with("sqlite://")) return std::make_unique<SqliteDatabase>(url.substr(9));
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return std::make_unique<PgDatabase>(url);
  throw std::invalid_argument("DATABASE_URL must start with sqlite:// or postgresql://");
}

}  // namespace gatepass::store
