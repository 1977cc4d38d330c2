#include "app/auth.hpp"

#include <algorithm>

#include "app/accounts/holder_sessions.hpp"
#include "app/accounts/two_factor.hpp"
#include "app/audit.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/account_tokens_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace {
constexpr std::size_t kMaxUsernameBytes = 64;

std::string retry_text(Millis wait_ms) {
  const auto seconds = std::max<Millis>(1, (wait_ms + 999) / 1000);
  return seconds < 120 ? std::to_string(seconds) + " second(s)" : std::to_string(seconds / 60 + 1) + " minute(s)";
}
}  // namespace

std::optional<AccountKind> parse_account_kind(std::string_view s) {
  if (s == "staff") return AccountKind::staff;
  if (s == "holder") return AccountKind::holder;
  return std::nullopt;
}

LoginResult login(Context& ctx, const std::string& username, const std::string& password,
                  const std::string& client, AccountKind account, const std::optional<std::string>& code) {
  // Usernames are at most 64 ASCII characters; longer input can never log in, but is still
  // counted (under its first 64 bytes) so it cannot be used to dodge the throttle.
  const std::string name_key = validation::escape_bytes(username, kMaxUsernameBytes);
  if (auto wait = ctx.login_throttle.reserve(name_key, client, ctx.now())) {
    AuditRecord rec{"auth.login_throttled", "user", std::nullopt, std::nullopt, {}};
    rec.details["username"] = name_key;
    rec.details["client"] = client;
    record_audit_later(ctx, Actor::anonymous(), rec);  // a flood of these coalesces into one row
    throw Error(ErrorCode::too_many_requests, "Too many failed logins for this account; try again in " + retry_text(*wait))
        .retry_after_ms(*wait);
  }
  std::vector<User> candidates;
  if (username.size() <= kMaxUsernameBytes && password.size() <= 256)
    ctx.db.read([&](store::Connection& c) { candidates = store::users::find_login_candidates(c, username); });
  std::erase_if(candidates, [&](const User& u) {
    return (account == AccountKind::staff && u.role == Role::attendee) ||
           (account == AccountKind::holder && u.role != Role::attendee);
  });

  // Always spend at least one Argon2id verification so timing does not reveal which usernames
  // exist; at most a few at once (each takes 64 MiB).
  std::optional<User> user;
  bool password_ok = false;
  if (candidates.empty())
    ctx.password_slots.run([&] { return crypto::verify_password(password, crypto::dummy_password_hash()); });
  for (const auto& candidate : candidates) {
    const bool match = ctx.password_slots.run([&] { return crypto::verify_password(password, candidate.password_hash); });
    if (match && !password_ok) {
      user = candidate;
      password_ok = true;
    }
  }
  if (!user && !candidates.empty()) user = candidates.front();  // named in the audit row of the failure
  const bool ok = user && user->active && password_ok;

  // Only now, with the password known to be right, may the answer tell that two-factor is on.
  const bool needs_factor = ok && two_factor_enabled(ctx, user->id);
  std::optional<SecondFactor> factor;
  std::optional<ErrorCode> factor_error;
  const Millis now = ctx.now();
  const auto audit_row = [&] {
    const bool signed_in = ok && !factor_error;
    AuditRecord rec{signed_in ? "auth.login" : "auth.login_failed", "user", std::nullopt, std::nullopt, {}};
    rec.details["username"] = name_key;
    if (user) rec.entity_id = std::to_string(user->id);
    if (factor) rec.details["second_factor"] = std::string(to_string(*factor));
    if (factor_error) rec.details["reason"] = std::string(gatepass::to_string(*factor_error));
    return std::pair{signed_in ? Actor{user->id, user->username} : Actor::anonymous(), rec};
  };
  if (needs_factor) {
    // The code is spent (TOTP step, recovery code) in the transaction that records the login.
    ctx.db.write([&](store::Connection& c) {
      factor.reset();
      factor_error.reset();
      if (!code || code->empty()) factor_error = ErrorCode::second_factor_required;
      else if (!(factor = use_second_factor(ctx, c, user->id, *code, now))) factor_error = ErrorCode::invalid_second_factor;
      const auto [actor, rec] = audit_row();
      record_audit(c, actor, rec, now);
    });
  } else {
    const auto [actor, rec] = audit_row();
    record_audit_now(ctx, actor, rec);
  }

  // Every failure keeps the throttle's reservation counted: a wrong code like a wrong password.
  if (!ok) throw Error(ErrorCode::unauthenticated, "Invalid username or password");
  if (factor_error == ErrorCode::second_factor_required)
    throw Error(ErrorCode::second_factor_required,
                "This account signs in with a second factor: send `code` (from the authenticator app, or a recovery code)");
  if (factor_error)
    throw Error(ErrorCode::invalid_second_factor, "Wrong code, or a code that was used already");
  ctx.login_throttle.succeeded(name_key, client);
  LoginResult out{ctx.tokens.issue(user->id, user->username, user->role, user->token_version, now, factor.has_value()),
                  ctx.tokens.ttl_ms(), *user, std::nullopt};
  if (account == AccountKind::holder) out.refresh_token = accounts::start_holder_session(ctx, *user, now);
  return out;
}

Principal authenticate(Context& ctx, const std::string& bearer_token, bool enrolment_route) {
  const auto claims = ctx.tokens.verify(bearer_token, ctx.now());
  if (!claims) throw Error(ErrorCode::unauthenticated, "Missing, invalid or expired access token");
  const Millis now = ctx.now();
  std::optional<User> user = ctx.users.get(claims->user_id, now);
  if (!user) {
    ctx.db.read_one([&](store::Connection& c) { user = store::users::find_by_id(c, claims->user_id); });
    if (user) ctx.users.put(*user, now);
  }
  if (!user || !user->active) throw Error(ErrorCode::unauthenticated, "This account is not active");
  // Issued before the last password change, role change, deactivation or "log out everywhere".
  if (claims->token_version != user->token_version)
    throw Error(ErrorCode::unauthenticated, "This session has ended; log in again");
  // GATEPASS_REQUIRE_2FA: the user's current role decides, and only a token from a sign-in with
  // the factor (or from confirming it) is full; older tokens count as password-only.
  if (!claims->second_factor && !enrolment_route && second_factor_required_for(ctx.config, user->role))
    throw Error(ErrorCode::second_factor_enrolment_required,
                "Your role must sign in with two-factor: turn it on first (POST /api/auth/2fa/enroll, then "
                "/api/auth/2fa/confirm)");
  Principal p{user->id, user->username, user->role};
  if (user->role == Role::scanner) p.event_ids = user->event_ids;  // none = none (docs/devices.md §2)
  return p;
}

void logout_everywhere(Context& ctx, const Principal& who) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    store::users::bump_token_version(c, who.user_id, now);
    store::account_tokens::revoke_user_refresh(c, who.user_id, now);  // the version ends them too; this says so
    record_audit(c, Actor::of(who), {"auth.logout_all", "user", std::to_string(who.user_id), std::nullopt, {}}, now);
  });
  ctx.users.invalidate(who.user_id);
}

void require_role(const Principal& p, const std::vector<Role>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), p.role) == allowed.end())
    throw Error(ErrorCode::forbidden, "Your role (" + std::string(to_string(p.role)) + ") may not do this");
}

}  // namespace gatepass::app
