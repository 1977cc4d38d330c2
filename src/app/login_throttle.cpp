#include "app/login_throttle.hpp"

#include <algorithm>

namespace gatepass::app {

namespace {
constexpr std::size_t kMaxTracked = 100'000;
std::string pair_key(const std::string& username, const std::string& client) { return username + '\n' + client; }
}  // namespace

Millis LoginThrottle::user_delay(const UserFailures& f) const {
  if (f.count < limits_.free_failures) return 0;
  const int doublings = std::min(f.count - limits_.free_failures, 30);
  return std::min<Millis>(limits_.max_delay_ms, Millis{1000} << doublings);
}

void LoginThrottle::bound_memory(Millis now) {
  if (pairs_.size() > kMaxTracked)
    std::erase_if(pairs_, [&](auto& e) { return e.second.empty() || e.second.back() + limits_.window_ms <= now; });
  if (users_.size() > kMaxTracked)
    std::erase_if(users_, [&](auto& e) { return e.second.last + limits_.window_ms <= now; });
  // Still too many under a flood of fresh names and addresses: forget everything rather than grow.
  if (pairs_.size() > kMaxTracked) pairs_.clear();
  if (users_.size() > kMaxTracked) users_.clear();
}

std::optional<Millis> LoginThrottle::reserve(const std::string& username, const std::string& client, Millis now) {
  std::lock_guard lock(mutex_);
  bound_memory(now);
  auto& times = pairs_[pair_key(username, client)];
  while (!times.empty() && times.front() + limits_.window_ms <= now) times.pop_front();
  if (static_cast<int>(times.size()) >= limits_.max_failures) return times.front() + limits_.window_ms - now;

  auto& user = users_[username];
  if (user.count > 0 && user.last + limits_.window_ms <= now) user = {};  // quiet for a window: start over
  // Only a real delay blocks: callers read the clock before taking the lock, so `now` may be a
  // millisecond older than another attempt's `last`.
  if (const Millis delay = user_delay(user); delay > 0 && user.last + delay > now) return user.last + delay - now;

  times.push_back(now);  // counted as a failure until succeeded() says otherwise
  ++user.count;
  user.last = now;
  return std::nullopt;
}

void LoginThrottle::succeeded(const std::string& username, const std::string& client) {
  std::lock_guard lock(mutex_);
  pairs_.erase(pair_key(username, client));
  users_.erase(username);
}

}  // namespace gatepass::app
