#pragma once
// Account tokens: one-time tokens mailed to an account (email verification, password reset) and
// holders' refresh tokens. Only the SHA-256 of a token is stored; redeeming or rotating is one
// conditional write, so a token works once.
#include <optional>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::account_tokens {

struct Row {
  Id user_id = 0;
  std::string purpose;
  std::string email;
  Millis created_at = 0;
  Millis expires_at = 0;
};

void insert(Connection& c, const std::string& token_hash, Id user_id, const std::string& purpose,
            const std::string& email, Millis now, Millis expires_at);
// Marks the token used if it is unused and unexpired; returns it then, nullopt otherwise.
std::optional<Row> redeem(Connection& c, const std::string& token_hash, const std::string& purpose, Millis now);
// How many tokens of this purpose the account was sent since `since` (the mail throttle).
std::int64_t count_since(Connection& c, Id user_id, const std::string& purpose, Millis since);

// Refresh tokens (purpose 'refresh'): a family is one sign-in on one device.
struct RefreshRow {
  Id user_id = 0;
  std::string family;
  std::int64_t token_version = 0;
  Millis expires_at = 0;
  std::optional<Millis> used_at;     // rotated
  std::optional<Millis> revoked_at;  // signed out, or its family revoked
};
void insert_refresh(Connection& c, const std::string& token_hash, Id user_id, const std::string& family,
                    std::int64_t token_version, Millis now, Millis expires_at);
// Marks a live refresh token rotated (unused, unrevoked, unexpired: one conditional write, so of
// two racing rotations one wins); returns it then, nullopt otherwise.
std::optional<RefreshRow> rotate_refresh(Connection& c, const std::string& token_hash, Millis now);
std::optional<RefreshRow> find_refresh(Connection& c, const std::string& token_hash);
// Revokes every token of the family / of the user not revoked yet; returns how many.
std::int64_t revoke_family(Connection& c, const std::string& family, Millis now);
std::int64_t revoke_user_refresh(Connection& c, Id user_id, Millis now);
// Deletes refresh tokens that expired before `cutoff` (housekeeping); returns how many.
std::int64_t delete_refresh_expired_before(Connection& c, Millis cutoff);

}  // namespace gatepass::store::account_tokens
