#pragma once
// Two-factor sign-in for staff (TOTP, RFC 6238; docs/accounts.md "Two-factor sign-in for staff").
//
// Codes are checked by liboath (oath_totp_validate3, ±1 time step of 30 s), never by our own
// HOTP. A code is accepted once: the step it matched must be later than the last accepted one,
// which one conditional UPDATE decides (store/two_factor_repo). Recovery codes are 80 random bits,
// stored as SHA-256, each used once (UPDATE ... WHERE used_at IS NULL). The TOTP secret is sealed
// at rest (libsodium secretbox) under a key derived from SECRET_KEY.
//
// Staff only (admin, scanner, viewer): ticket holders get 403 on the enrolment routes, and
// GATEPASS_REQUIRE_2FA accepts staff roles only.
#include <optional>
#include <string>
#include <vector>

#include "app/auth.hpp"
#include "app/context.hpp"

namespace gatepass::app {

inline constexpr int kRecoveryCodes = 10;

struct TwoFactorEnrolment {
  std::string secret;       // base32 (RFC 4648, no padding), for typing into an app
  std::string otpauth_uri;  // otpauth://totp/Gatepass:<username>?secret=…&issuer=Gatepass
  std::string qr_svg;       // the URI as a QR code
};
// A new pending secret (replacing an earlier unconfirmed one). 409 when two-factor is already on.
TwoFactorEnrolment enroll_two_factor(Context& ctx, const Principal& who);

struct TwoFactorConfirmed {
  std::vector<std::string> recovery_codes;  // shown once; stored hashed
  LoginResult session;                      // a token that counts as signed in with the factor
};
// Turns two-factor on with a current code of the pending secret. A wrong code is 400 naming
// `code` (not 401: the caller's session is fine) and counts in the login throttle.
TwoFactorConfirmed confirm_two_factor(Context& ctx, const Principal& who, const std::string& code,
                                      const std::string& client);

// Turns it off with a current code or a recovery code; ends every session of the account (a
// token signed in with the factor must not outlive it) and returns a fresh one for the caller.
LoginResult disable_two_factor(Context& ctx, const Principal& who, const std::string& code, const std::string& client);

bool two_factor_enabled(Context& ctx, Id user_id);

// For login, inside its transaction: checks `code` (TOTP or recovery code) against the user's
// active secret and spends it. nullopt: wrong, reused or two-factor is off.
enum class SecondFactor { totp, recovery_code };
std::optional<SecondFactor> use_second_factor(Context& ctx, store::Connection& c, Id user_id, const std::string& code,
                                              Millis now);
std::string_view to_string(SecondFactor f);

// GATEPASS_REQUIRE_2FA: whether accounts of `role` must sign in with two-factor.
bool second_factor_required_for(const Config& config, Role role);

// `gatepass user reset-2fa NAME` for a locked-out staff account: two-factor off, recovery codes
// gone, every session ended; audited as "system". Returns whether two-factor was on.
bool reset_two_factor_from_cli(Context& ctx, const std::string& username);

}  // namespace gatepass::app
