#pragma once
// A holder's email counts only once verified (docs/accounts.md): it then claims, accepts transfers
// addressed to it and matches the tickets bought with it. Several unverified accounts may give one
// address; the first to verify keeps it and the others lose it. A verified address cannot be taken.
#include "app/context.hpp"

namespace gatepass::app::accounts {

// Inside the sign-up's transaction: the verification mail, or, when another account verified the
// address already, an `account_exists` mail to it (no link) so the answer to sign-up is the same.
void queue_verification(Context& ctx, store::Connection& c, const User& account, Millis now);

struct Verified {
  std::string username;
  std::int64_t tickets_attached = 0;
};
// 404 invalid for an unknown, used or expired token; 409 email_taken when another account verified
// the address first.
Verified verify_email(Context& ctx, const std::string& token);

// Signed-in holder, unverified: the link again (at most 3 per hour: 429).
void resend_verification(Context& ctx, const Principal& me);

// The caller's account as stored (email, verification), for /api/auth/me and the rules above.
User account_of(Context& ctx, const Principal& me);
// 403 email_unverified unless the holder's address is verified.
void require_verified(const User& account);

}  // namespace gatepass::app::accounts
