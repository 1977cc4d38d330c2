#include "app/token_codec.hpp"

#include <jwt.h>

#include <cstdlib>
#include <memory>

namespace gatepass::app {

namespace {
struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;
}  // namespace

std::string TokenCodec::issue(Id user_id, const std::string& username, Role role, std::int64_t token_version,
                              Millis now, bool second_factor) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::bad_alloc();
  JwtPtr jwt(raw);
  jwt_add_grant(raw, "sub", std::to_string(user_id).c_str());
  jwt_add_grant(raw, "name", username.c_str());
  jwt_add_grant(raw, "role", std::string(to_string(role)).c_str());
  jwt_add_grant_int(raw, "ver", static_cast<long>(token_version));
  jwt_add_grant_int(raw, "iat", static_cast<long>(now / 1000));
  jwt_add_grant_int(raw, "exp", static_cast<long>((now + ttl_ms_) / 1000));
  if (second_factor) jwt_add_grant_int(raw, "2fa", 1);
  jwt_set_alg(raw, JWT_ALG_HS256, key_.data(), static_cast<int>(key_.size()));
  char* encoded = jwt_encode_str(raw);
  if (!encoded) throw std::bad_alloc();
  std::string out(encoded);
  std::free(encoded);
  return out;
}

std::optional<TokenClaims> TokenCodec::verify(const std::string& token, Millis now) const {
  if (token.empty() || token.size() > 4096) return std::nullopt;
  std::optional<TokenClaims> claims;
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = verified_.find(token); it != verified_.end()) claims = it->second;
  }
  if (!claims) {
    claims = decode(token);
    if (!claims) return std::nullopt;
    std::lock_guard lock(cache_mutex_);
    if (verified_.size() >= 10'000) verified_.clear();  // bounded; refills on demand
    verified_.emplace(token, *claims);
  }
  if (claims->expires_at <= now) return std::nullopt;
  return claims;
}

std::optional<TokenClaims> TokenCodec::decode(const std::string& token) const {
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), key_.data(), static_cast<int>(key_.size())) != 0 || !raw) return std::nullopt;
  JwtPtr jwt(raw);
  // Pin the algorithm: never accept "none" or an algorithm we did not issue.
  if (jwt_get_alg(raw) != JWT_ALG_HS256) return std::nullopt;
  errno = 0;
  const long exp = jwt_get_grant_int(raw, "exp");
  if (errno != 0 || exp <= 0) return std::nullopt;
  const char* sub = jwt_get_grant(raw, "sub");
  const char* name = jwt_get_grant(raw, "name");
  const char* role = jwt_get_grant(raw, "role");
  if (!sub || !name || !role) return std::nullopt;
  errno = 0;
  const long version = jwt_get_grant_int(raw, "ver");
  if (errno != 0 || version < 0) return std::nullopt;  // tokens from before versions existed end too
  auto parsed_role = parse_role(role);
  char* end = nullptr;
  const long long id = std::strtoll(sub, &end, 10);
  if (!parsed_role || !end || *end != '\0' || id <= 0) return std::nullopt;
  errno = 0;
  const long second_factor = jwt_get_grant_int(raw, "2fa");  // absent: ENOENT, password-only
  return TokenClaims{id, name, *parsed_role, version, static_cast<Millis>(exp) * 1000, errno == 0 && second_factor == 1};
}

}  // namespace gatepass::app
