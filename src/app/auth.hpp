#pragma once
#include "app/context.hpp"

namespace gatepass::app {

struct LoginResult {
  std::string access_token;
  Millis expires_in_ms = 0;
  User user;
  // Holders only (app/accounts/holder_sessions.hpp): keeps the holder signed in on this device.
  std::optional<std::string> refresh_token;
};

// Same error, same time for unknown user, wrong password and deactivated account. Failures are
// throttled per (username, client address) and per username (app/login_throttle.hpp): 429.
// Holder and staff usernames are separate namespaces (docs/accounts.md): `account` picks one;
// without it every account of that name is tried (one Argon2id verification each, at least one).
enum class AccountKind { any, staff, holder };
std::optional<AccountKind> parse_account_kind(std::string_view s);
// `account` holder also starts a refresh-token family (app/accounts/holder_sessions.hpp): staff
// sessions get none (a stolen staff token must not live for 30 days).
// Two-factor accounts (app/accounts/two_factor.hpp): once the password is right, `code` (a TOTP
// or recovery code) is required: 401 second_factor_required without it, 401 invalid_second_factor
// when wrong or reused (counted by the throttle like a wrong password). Never before the password
// is known to be right, so a wrong password does not tell whether two-factor is on.
LoginResult login(Context& ctx, const std::string& username, const std::string& password,
                  const std::string& client, AccountKind account = AccountKind::any,
                  const std::optional<std::string>& code = std::nullopt);

// Bearer token -> the current user. The user row (not the token's claims) decides, so deactivation
// and role changes take effect at once in this process and within a second on other instances,
// not when the token expires.
// GATEPASS_REQUIRE_2FA: a token without the second factor, of a user whose role requires it, is
// refused with 403 second_factor_enrolment_required unless `enrolment_route` (the router passes
// the route's flag), so no handler can forget the rule.
Principal authenticate(Context& ctx, const std::string& bearer_token, bool enrolment_route = false);

// "Log out everywhere": every token issued to the caller so far stops working, refresh tokens too.
void logout_everywhere(Context& ctx, const Principal& who);

void require_role(const Principal& p, const std::vector<Role>& allowed);

}  // namespace gatepass::app
