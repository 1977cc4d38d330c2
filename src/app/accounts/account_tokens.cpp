#include "app/accounts/account_tokens.hpp"

#include "domain/crypto.hpp"

namespace gatepass::app::accounts {

std::string_view to_string(TokenPurpose p) {
  return p == TokenPurpose::verify_email ? "verify_email" : "password_reset";
}

Millis lifetime_ms(TokenPurpose p) { return p == TokenPurpose::verify_email ? 24 * 3600'000LL : 30 * 60'000LL; }

std::string issue_token(store::Connection& c, TokenPurpose purpose, Id user_id, const std::string& email, Millis now) {
  const auto token = crypto::random_token(32);
  store::account_tokens::insert(c, crypto::sha256_hex(token), user_id, std::string(to_string(purpose)), email, now,
                                now + lifetime_ms(purpose));
  return token;
}

std::optional<store::account_tokens::Row> redeem_token(store::Connection& c, TokenPurpose purpose,
                                                       const std::string& token, Millis now) {
  const auto hash = presented_token_hash(token);
  if (!hash) return std::nullopt;
  return store::account_tokens::redeem(c, *hash, std::string(to_string(purpose)), now);
}

std::int64_t sent_in_last_hour(store::Connection& c, TokenPurpose purpose, Id user_id, Millis now) {
  return store::account_tokens::count_since(c, user_id, std::string(to_string(purpose)), now - 3600'000);
}

std::string issue_refresh_token(store::Connection& c, const User& user, const std::optional<std::string>& family, Millis now) {
  const auto token = crypto::random_token(32);
  store::account_tokens::insert_refresh(c, crypto::sha256_hex(token), user.id, family.value_or(crypto::random_token(16)),
                                        user.token_version, now, now + kRefreshLifetimeMs);
  return token;
}

std::optional<std::string> presented_token_hash(const std::string& token) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;  // never a token of ours
  return crypto::sha256_hex(token);
}

}  // namespace gatepass::app::accounts
