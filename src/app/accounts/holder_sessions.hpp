#pragma once
// Holders stay signed in (docs/accounts.md, "Staying signed in"): a holder's sign-in (login with
// account holder, or sign-up) also answers a refresh token, which the holder app keeps on the
// device and trades for a new access token when the old one is gone (a new tab, a reopened
// browser) or expired. Staff get none.
//
// Each trade rotates the token: the presented one stops working and a new one (30 days from now,
// so an active holder stays signed in) is answered. The tokens of one sign-in form a family. A
// token that was rotated already and is presented again means two parties hold it (a copied
// token): the whole family is revoked, the thief's copy and the holder's alike, and the holder
// signs in again. Only within kRefreshReuseGraceMs of its rotation is it traded once more, as a
// retry: the answer to the first trade may have been lost (a weak signal in the queue), or two
// tabs traded it at the same moment.
//
// A refresh token carries the account's token_version: whatever ends the sessions (logout-all, a
// password change or reset, deactivation, a role change) ends the refresh tokens with them.
#include <string>

#include "app/auth.hpp"
#include "app/context.hpp"

namespace gatepass::app::accounts {

inline constexpr Millis kRefreshReuseGraceMs = 30'000;

// Refreshes are not charged to the client address (phones behind a venue's one address refresh
// their sign-ins all evening; only unknown or spent tokens cost, from GATEPASS_LINK_MISSES_PER_MINUTE):
// instead one sign-in may trade its token at most this often. A phone trades once per access
// token's lifetime, plus retries and a few tabs opened at once (a burst of up to this many); a
// script in a loop gets 429 instead of a new stored token each time.
inline constexpr int kRefreshesPerSignInPerMinute = 20;

// A new family for `user` (an attendee) inside the caller's transaction, or in one of its own.
// Returns the refresh token; only its hash is kept.
std::string start_holder_session(store::Connection& c, const User& user, Millis now);
std::string start_holder_session(Context& ctx, const User& user, Millis now);

// A new access token and the next refresh token. 401 for an unknown, expired or revoked token, an
// account that is no longer active or whose sessions ended, and a reused one (which also revokes
// its family).
LoginResult refresh_holder_session(Context& ctx, const std::string& refresh_token);

// Sign-out on this device: the token's family is revoked. Unknown tokens change nothing.
void end_holder_session(Context& ctx, const std::string& refresh_token);

}  // namespace gatepass::app::accounts
