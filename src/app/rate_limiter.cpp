#include "app/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace gatepass::app {

void RateLimiter::refill(Bucket& b, Millis now) const {
  if (now > b.updated) {
    b.tokens = std::min<double>(per_minute_, b.tokens + static_cast<double>(now - b.updated) * per_minute_ / 60'000.0);
    b.updated = now;
  }
}

std::optional<Millis> RateLimiter::take(const std::string& client, Millis now) {
  if (per_minute_ <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= kMaxClients && !buckets_.contains(client)) {
    // Forget clients whose bucket would be full again by now (quiet for a minute or more).
    std::erase_if(buckets_, [&](const auto& entry) {
      Bucket b = entry.second;
      refill(b, now);
      return b.tokens >= per_minute_;
    });
    if (buckets_.size() >= kMaxClients) buckets_.clear();  // a flood of addresses: start over
  }
  auto [it, inserted] = buckets_.try_emplace(client, Bucket{static_cast<double>(per_minute_), now});
  Bucket& b = it->second;
  refill(b, now);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::nullopt;
  }
  return static_cast<Millis>(std::ceil((1.0 - b.tokens) * 60'000.0 / per_minute_));
}

std::optional<Millis> RateLimiter::wait_for(const std::string& client, Millis now) {
  if (per_minute_ <= 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  const auto it = buckets_.find(client);
  if (it == buckets_.end()) return std::nullopt;
  Bucket b = it->second;
  refill(b, now);
  if (b.tokens >= 1.0) return std::nullopt;
  return static_cast<Millis>(std::ceil((1.0 - b.tokens) * 60'000.0 / per_minute_));
}

}  // namespace gatepass::app
