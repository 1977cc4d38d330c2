#include "store/two_factor_repo.hpp"

namespace gatepass::store::two_factor {

std::optional<State> find(Connection& c, Id user_id) {
  auto r = c.query("SELECT totp_secret, totp_pending_secret, totp_last_step, totp_enabled_at FROM users WHERE id = ?",
                   {user_id});
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  return State{row.opt_text(0), row.opt_text(1), row.opt_integer(2), row.opt_integer(3)};
}

void set_pending(Connection& c, Id user_id, const std::string& sealed, Millis now) {
  c.query("UPDATE users SET totp_pending_secret = ?, updated_at = ? WHERE id = ?", {sealed, now, user_id});
}

std::int64_t enable(Connection& c, Id user_id, const std::string& sealed_pending, std::int64_t step, Millis now) {
  return c.query("UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ?, "
                 "totp_enabled_at = ?, updated_at = ? "
                 "WHERE id = ? AND totp_pending_secret = ? AND totp_enabled_at IS NULL",
                 {step, now, now, user_id, sealed_pending}).affected;
}

std::int64_t accept_step(Connection& c, Id user_id, std::int64_t step) {
  // The row count is the answer: of two logins racing with one code, exactly one wins.
  return c.query("UPDATE users SET totp_last_step = ? "
                 "WHERE id = ? AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < ?)",
                 {step, user_id, step}).affected;
}

std::int64_t disable(Connection& c, Id user_id, Millis now) {
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  return c.query("UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, updated_at = ? "
                 "WHERE id = ? AND (totp_enabled_at IS NOT NULL OR totp_pending_secret IS NOT NULL)",
                 {now, user_id}).affected;
}

void replace_recovery_codes(Connection& c, Id user_id, const std::vector<std::string>& hashes, Millis now) {
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  for (const auto& h : hashes)
    c.query("INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)", {user_id, h, now});
}

std::int64_t use_recovery_code(Connection& c, Id user_id, const std::string& hash, Millis now) {
  return c.query("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                 {now, user_id, hash}).affected;
}

std::int64_t unused_recovery_codes(Connection& c, Id user_id) {
  return c.query("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", {user_id}).rows.at(0).integer(0);
}

}  // namespace gatepass::store::two_factor
