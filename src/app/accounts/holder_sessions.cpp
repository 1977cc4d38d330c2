#include "app/accounts/holder_sessions.hpp"

#include "app/accounts/account_tokens.hpp"
#include "app/audit.hpp"
#include "domain/error.hpp"
#include "store/account_tokens_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app::accounts {

namespace {
enum class Refusal { none, unknown, expired, ended, reused, too_often };

[[noreturn]] void refuse(Refusal why, Millis retry_after_ms = 0) {
  switch (why) {
    case Refusal::expired:
      throw Error(ErrorCode::unauthenticated, "This sign-in has expired; sign in again");
    case Refusal::ended:
      throw Error(ErrorCode::unauthenticated, "This session has ended; sign in again");
    case Refusal::too_often:
      throw Error(ErrorCode::too_many_requests, "This sign-in was refreshed very often just now; please wait a moment")
          .retry_after_ms(retry_after_ms);
    case Refusal::reused:
      throw Error(ErrorCode::unauthenticated,
                  "This refresh token was used before: the sessions of this sign-in have ended; sign in again");
    default:
      throw Error(ErrorCode::unauthenticated, "Unknown refresh token; sign in again");
  }
}

void audit_family(store::Connection& c, const User& user, const char* action, const std::string& family, Millis now) {
  AuditRecord rec{action, "user", std::to_string(user.id), std::nullopt, {}};
  rec.details["family"] = family.substr(0, 8);  // enough to tell sign-ins apart in the log
  record_audit(c, Actor{user.id, user.username}, rec, now);
}

// One trade, inside the caller's transaction: fills `out` (user, next refresh token) or says why not.
Refusal rotate(store::Connection& c, const std::string& hash, Millis now, LoginResult& out) {
  auto token = store::account_tokens::rotate_refresh(c, hash, now);
  if (!token) {
    const auto seen = store::account_tokens::find_refresh(c, hash);
    if (!seen) return Refusal::unknown;
    if (seen->revoked_at) return Refusal::ended;
    if (!seen->used_at) return Refusal::expired;
    if (now - *seen->used_at > kRefreshReuseGraceMs) {
      store::account_tokens::revoke_family(c, seen->family, now);
      if (const auto user = store::users::find_by_id(c, seen->user_id))
        audit_family(c, *user, "auth.refresh_reuse", seen->family, now);
      return Refusal::reused;
    }
    token = seen;  // a retry within the grace: the family goes on
  }
  const auto user = store::users::find_by_id(c, token->user_id);
  if (!user || !user->active || user->role != Role::attendee || user->token_version != token->token_version) {
    store::account_tokens::revoke_family(c, token->family, now);
    return Refusal::ended;
  }
  out.refresh_token = issue_refresh_token(c, *user, token->family, now);
  out.user = *user;
  return Refusal::none;
}
}  // namespace

std::string start_holder_session(store::Connection& c, const User& user, Millis now) {
  return issue_refresh_token(c, user, std::nullopt, now);
}

std::string start_holder_session(Context& ctx, const User& user, Millis now) {
  std::string token;
  ctx.db.write([&](store::Connection& c) { token = start_holder_session(c, user, now); });
  return token;
}

LoginResult refresh_holder_session(Context& ctx, const std::string& refresh_token) {
  const auto hash = presented_token_hash(refresh_token);
  if (!hash) refuse(Refusal::unknown);
  const Millis now = ctx.now();
  LoginResult out;
  Refusal refusal = Refusal::none;
  Millis wait = 0;
  // The transaction commits even when the answer is a refusal: a revoked family stays revoked.
  ctx.db.write([&](store::Connection& c) {
    // Charged before the trade, by the sign-in it belongs to (an unknown token goes on to its 401).
    if (const auto seen = store::account_tokens::find_refresh(c, *hash))
      if (const auto busy = ctx.refreshes.take("sign-in:" + seen->family, now)) {
        refusal = Refusal::too_often;
        wait = *busy;
        return;
      }
    refusal = rotate(c, *hash, now, out);
  });
  if (refusal != Refusal::none) refuse(refusal, wait);
  out.access_token = ctx.tokens.issue(out.user.id, out.user.username, out.user.role, out.user.token_version, now);
  out.expires_in_ms = ctx.tokens.ttl_ms();
  return out;
}

void end_holder_session(Context& ctx, const std::string& refresh_token) {
  const auto hash = presented_token_hash(refresh_token);
  if (!hash) return;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto token = store::account_tokens::find_refresh(c, *hash);
    if (!token || store::account_tokens::revoke_family(c, token->family, now) == 0) return;
    if (const auto user = store::users::find_by_id(c, token->user_id)) audit_family(c, *user, "auth.logout", token->family, now);
  });
}

}  // namespace gatepass::app::accounts
