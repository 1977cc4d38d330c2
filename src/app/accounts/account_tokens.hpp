#pragma once
// The credentials of an account beside its password: the one-time tokens mailed to it (email
// verification, password reset) and holders' refresh tokens (app/accounts/holder_sessions.hpp).
// Random (libsodium, 256 bits), stored hashed, single-purpose, expiring, used once
// (store/account_tokens).
#include <optional>
#include <string>

#include "app/context.hpp"
#include "store/account_tokens_repo.hpp"

namespace gatepass::app::accounts {

enum class TokenPurpose { verify_email, password_reset };
std::string_view to_string(TokenPurpose p);
Millis lifetime_ms(TokenPurpose p);  // 24 hours to verify, 30 minutes to reset

// Inside the caller's transaction. Returns the token to mail; only its hash is kept.
std::string issue_token(store::Connection& c, TokenPurpose purpose, Id user_id, const std::string& email, Millis now);
// Uses the token up (inside the caller's transaction: a rollback gives it back). nullopt for an
// unknown, used or expired token, or one of another purpose.
std::optional<store::account_tokens::Row> redeem_token(store::Connection& c, TokenPurpose purpose,
                                                       const std::string& token, Millis now);
// How many tokens of this purpose the account got in the last hour (mails per account per hour).
std::int64_t sent_in_last_hour(store::Connection& c, TokenPurpose purpose, Id user_id, Millis now);

// A refresh token lives 30 days from its issue; each rotation issues the next for another 30 (sliding).
inline constexpr Millis kRefreshLifetimeMs = 30LL * 24 * 3600'000;
// Inside the caller's transaction: a new refresh token of `user` in `family` (a new family, i.e. a
// new sign-in, when nullopt), bound to the account's current token_version. Returns the token.
std::string issue_refresh_token(store::Connection& c, const User& user, const std::optional<std::string>& family, Millis now);
// The stored hash of a presented token; nullopt when it cannot be one of ours (its length).
std::optional<std::string> presented_token_hash(const std::string& token);

}  // namespace gatepass::app::accounts
