#pragma once
// One-time tokens mailed to an account (email verification, password reset). Only the SHA-256 of
// a token is stored; redeeming is one conditional write, so a token works once.
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

}  // namespace gatepass::store::account_tokens
