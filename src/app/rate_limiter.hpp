#pragma once
// A token bucket per client address: `per_minute` requests in a burst, refilled evenly over a
// minute. Used for anonymous writes (registration), where nobody is logged in to hold to account.
// In memory per instance and bounded: with more than kMaxClients addresses tracked, full buckets
// (clients that have been quiet) are forgotten first.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/model.hpp"

namespace gatepass::app {

class RateLimiter {
 public:
  static constexpr std::size_t kMaxClients = 100'000;
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // nullopt: go ahead (one token taken). Otherwise: milliseconds until a token is free.
  std::optional<Millis> take(const std::string& client, Millis now);
  // The same answer as take() without taking: for budgets charged only after a failure.
  std::optional<Millis> wait_for(const std::string& client, Millis now);
  bool enabled() const { return per_minute_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Millis updated;
  };
  void refill(Bucket& b, Millis now) const;

  int per_minute_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace gatepass::app
