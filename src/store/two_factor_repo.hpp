#pragma once
// Two-factor sign-in state of a user (columns of users) and its recovery codes. Secrets arrive
// sealed (app/accounts/two_factor.cpp): nothing here sees a TOTP secret in the clear.
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::two_factor {

struct State {
  std::optional<std::string> secret;          // sealed; set while two-factor is on
  std::optional<std::string> pending_secret;  // sealed; enrolled, waiting for a confirming code
  std::optional<std::int64_t> last_step;      // the last TOTP time step accepted
  std::optional<Millis> enabled_at;
  bool enabled() const { return enabled_at.has_value() && secret.has_value(); }
};

std::optional<State> find(Connection& c, Id user_id);
// Starts (or restarts) enrolment: the pending secret is replaced, the active one stays.
void set_pending(Connection& c, Id user_id, const std::string& sealed, Millis now);
// The pending secret becomes the active one, with `step` as its last accepted step. 0 when the
// pending secret is no longer `sealed_pending` (a racing enrolment replaced it) or two-factor is on.
std::int64_t enable(Connection& c, Id user_id, const std::string& sealed_pending, std::int64_t step, Millis now);
// Accepts `step` only if it is later than the last accepted one: 1 accepted, 0 replayed.
std::int64_t accept_step(Connection& c, Id user_id, std::int64_t step);
// Turns two-factor off and forgets the recovery codes. Rows changed on users (0: was not on).
std::int64_t disable(Connection& c, Id user_id, Millis now);

// Replaces the user's recovery codes with these (SHA-256 hex of each normalised code).
void replace_recovery_codes(Connection& c, Id user_id, const std::vector<std::string>& hashes, Millis now);
// Uses one: 1 the first time, 0 when unknown or used before.
std::int64_t use_recovery_code(Connection& c, Id user_id, const std::string& hash, Millis now);
std::int64_t unused_recovery_codes(Connection& c, Id user_id);

}  // namespace gatepass::store::two_factor
