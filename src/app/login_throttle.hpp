#pragma once
// Slows password guessing without letting one person lock out a whole gate.
//
// Two counters, both in memory per instance:
// - per (username, client address): after `max_failures` failures within `window_ms` that pair
//   is refused until the window passes. Scanners behind the venue Wi-Fi's one shared address
//   are not affected by somebody else's guesses against another account.
// - per username, from anywhere: after `free_failures` failures, each further attempt must wait
//   an exponentially growing delay (1 s, 2 s, 4 s … capped at `max_delay_ms`), so a guesser
//   spreading over many addresses is slowed too, while the real user is delayed at most that cap.
//
// An attempt is RESERVED (counted as a failure) before the password is checked, under one lock,
// so parallel guesses cannot all pass the check before any of them is counted. A success takes
// back only its own reservation and resets only its own account's counters.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <deque>

#include "domain/model.hpp"

namespace gatepass::app {

class LoginThrottle {
 public:
  struct Limits {
    int max_failures = 10;  // per (username, address) within the window
    Millis window_ms = 10 * 60 * 1000;
    int free_failures = 5;  // per username before delays start
    Millis max_delay_ms = 60 * 1000;
  };
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  // nullopt: the attempt is reserved, go ahead and check the password. Otherwise: milliseconds
  // until an attempt is allowed (nothing was reserved).
  std::optional<Millis> reserve(const std::string& username, const std::string& client, Millis now);
  // The password was right: this pair's and this username's failures are forgotten.
  void succeeded(const std::string& username, const std::string& client);

 private:
  struct UserFailures {
    int count = 0;
    Millis last = 0;
  };
  Millis user_delay(const UserFailures& f) const;
  void bound_memory(Millis now);

  Limits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Millis>> pairs_;  // "username\nclient" -> failure times
  std::unordered_map<std::string, UserFailures> users_;
};

}  // namespace gatepass::app
