#pragma once
// Access tokens: HS256 JWTs made and checked with libjwt. libjwt 1.10 does not check `exp`, nor
// does it pin the algorithm, so verify() does both itself.
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace gatepass::app {

struct TokenClaims {
  Id user_id = 0;
  std::string username;
  Role role = Role::viewer;
  std::int64_t token_version = 0;  // must equal the user's current version (app::authenticate)
  Millis expires_at = 0;
  // Issued by a sign-in that verified a second factor (a TOTP or recovery code, or 2FA confirm).
  // Tokens without the claim (older ones too) count as password-only.
  bool second_factor = false;
};

class TokenCodec {
 public:
  TokenCodec(std::vector<std::uint8_t> key, Millis ttl_ms) : key_(std::move(key)), ttl_ms_(ttl_ms) {}
  TokenCodec(const TokenCodec&) = delete;
  std::string issue(Id user_id, const std::string& username, Role role, std::int64_t token_version, Millis now,
                    bool second_factor = false) const;
  // nullopt for anything but an unexpired token signed with our key (HS256 only).
  std::optional<TokenClaims> verify(const std::string& token, Millis now) const;
  Millis ttl_ms() const { return ttl_ms_; }

 private:
  std::optional<TokenClaims> decode(const std::string& token) const;

  std::vector<std::uint8_t> key_;
  Millis ttl_ms_;
  // Tokens that passed the signature check, so each is decoded once rather than per request
  // (a gate phone sends the same token thousands of times). Expiry is checked on every use.
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, TokenClaims> verified_;
};

}  // namespace gatepass::app
