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

}  // namespace gatepass::store::account_tokens
