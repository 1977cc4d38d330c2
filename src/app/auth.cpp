#include "app/auth.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

LoginResult login(Context& ctx, const std::string& username, const std::string& password,
                  const std::string& client) {
  if (auto wait = ctx.login_throttle.blocked_for(client, ctx.now())) {
    AuditRecord rec{"auth.login_throttled", "user", std::nullopt, std::nullopt, {}};
    rec.details["username"] = username.substr(0, 64);
    rec.details["client"] = client;
    record_audit_now(ctx, Actor::anonymous(), rec);
    throw Error(ErrorCode::too_many_requests, "Too many failed logins from this address; try again in " +
                                                  std::to_string(*wait / 60000 + 1) + " minute(s)");
  }
  std::optional<User> user;
  if (username.size() <= 64 && password.size() <= 256)
    ctx.db.read([&](store::Connection& c) { user = store::users::find_by_username(c, username); });

  // Always spend one Argon2id verification so timing does not reveal which usernames exist.
  const bool password_ok = crypto::verify_password(password, user ? user->password_hash : crypto::dummy_password_hash());
  const bool ok = user && user->active && password_ok;

  AuditRecord rec{ok ? "auth.login" : "auth.login_failed", "user", std::nullopt, std::nullopt, {}};
  rec.details["username"] = username.substr(0, 64);
  if (user) rec.entity_id = std::to_string(user->id);
  record_audit_now(ctx, user && ok ? Actor{user->id, user->username} : Actor::anonymous(), rec);

  if (!ok) {
    ctx.login_throttle.failed(client, ctx.now());
    throw Error(ErrorCode::unauthenticated, "Invalid username or password");
  }
  ctx.login_throttle.succeeded(client);
  const Millis now = ctx.now();
  return {ctx.tokens.issue(user->id, user->username, user->role, now), ctx.tokens.ttl_ms(), *user};
}

Principal authenticate(Context& ctx, const std::string& bearer_token) {
  const auto claims = ctx.tokens.verify(bearer_token, ctx.now());
  if (!claims) throw Error(ErrorCode::unauthenticated, "Missing, invalid or expired access token");
  const Millis now = ctx.now();
  std::optional<User> user = ctx.users.get(claims->user_id, now);
  if (!user) {
    ctx.db.read_one([&](store::Connection& c) { user = store::users::find_by_id(c, claims->user_id); });
    if (user) ctx.users.put(*user, now);
  }
  if (!user || !user->active) throw Error(ErrorCode::unauthenticated, "This account is not active");
  return {user->id, user->username, user->role};
}

void require_role(const Principal& p, const std::vector<Role>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), p.role) == allowed.end())
    throw Error(ErrorCode::forbidden, "Your role (" + std::string(to_string(p.role)) + ") may not do this");
}

}  // namespace gatepass::app
