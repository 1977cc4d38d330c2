#include "store/account_tokens_repo.hpp"

namespace gatepass::store::account_tokens {

void insert(Connection& c, const std::string& token_hash, Id user_id, const std::string& purpose,
            const std::string& email, Millis now, Millis expires_at) {
  c.query("INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {token_hash, user_id, purpose, email, now, expires_at});
}

std::optional<Row> redeem(Connection& c, const std::string& token_hash, const std::string& purpose, Millis now) {
  auto r = c.query("UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL "
                   "AND expires_at > ? RETURNING user_id, purpose, email, created_at, expires_at",
                   {now, token_hash, purpose, now});
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  return Row{row.integer(0), row.text(1), row.text(2), row.integer(3), row.integer(4)};
}

std::int64_t count_since(Connection& c, Id user_id, const std::string& purpose, Millis since) {
  return c.query("SELECT COUNT(*) FROM account_tokens WHERE user_id = ? AND purpose = ? AND created_at > ?",
                 {user_id, purpose, since})
      .rows.at(0)
      .integer(0);
}

namespace {
constexpr const char* kRefreshColumns = "user_id, family, token_version, expires_at, used_at, revoked_at";
RefreshRow refresh_row(const store::Row& r) {
  return RefreshRow{r.integer(0), r.text(1), r.integer(2), r.integer(3), r.opt_integer(4), r.opt_integer(5)};
}
}  // namespace

void insert_refresh(Connection& c, const std::string& token_hash, Id user_id, const std::string& family,
                    std::int64_t token_version, Millis now, Millis expires_at) {
  c.query("INSERT INTO account_tokens (token_hash, user_id, purpose, family, token_version, created_at, expires_at) "
          "VALUES (?, ?, 'refresh', ?, ?, ?, ?)",
          {token_hash, user_id, family, token_version, now, expires_at});
}

std::optional<RefreshRow> rotate_refresh(Connection& c, const std::string& token_hash, Millis now) {
  auto r = c.query(std::string("UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND purpose = 'refresh' "
                               "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? RETURNING ") +
                       kRefreshColumns,
                   {now, token_hash, now});
  if (r.rows.empty()) return std::nullopt;
  return refresh_row(r.rows[0]);
}

std::optional<RefreshRow> find_refresh(Connection& c, const std::string& token_hash) {
  auto r = c.query(std::string("SELECT ") + kRefreshColumns +
                       " FROM account_tokens WHERE token_hash = ? AND purpose = 'refresh'",
                   {token_hash});
  if (r.rows.empty()) return std::nullopt;
  return refresh_row(r.rows[0]);
}

std::int64_t revoke_family(Connection& c, const std::string& family, Millis now) {
  return c.query("UPDATE account_tokens SET revoked_at = ? WHERE family = ? AND purpose = 'refresh' AND revoked_at IS NULL",
                 {now, family})
      .affected;
}

std::int64_t revoke_user_refresh(Connection& c, Id user_id, Millis now) {
  return c.query("UPDATE account_tokens SET revoked_at = ? WHERE user_id = ? AND purpose = 'refresh' AND revoked_at IS NULL",
                 {now, user_id})
      .affected;
}

std::int64_t delete_refresh_expired_before(Connection& c, Millis cutoff) {
  return c.query("DELETE FROM account_tokens WHERE purpose = 'refresh' AND expires_at < ?", {cutoff}).affected;
}

}  // namespace gatepass::store::account_tokens
