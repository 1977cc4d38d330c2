#pragma once
// Slows password guessing: after `max_failures` failed logins from one client address within
// `window_ms`, further attempts from it are refused until the window has passed. Keyed by
// address, not username, so nobody can lock an admin out by failing on purpose. In memory per
// instance: behind a balancer each instance counts separately (still a hard cap per instance).
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/model.hpp"

namespace gatepass::app {

class LoginThrottle {
 public:
  LoginThrottle(int max_failures, Millis window_ms) : max_failures_(max_failures), window_ms_(window_ms) {}

  // nullopt: may try. Otherwise: milliseconds until the next attempt is allowed.
  std::optional<Millis> blocked_for(const std::string& client, Millis now) {
    std::lock_guard lock(mutex_);
    auto it = failures_.find(client);
    if (it == failures_.end()) return std::nullopt;
    prune(it->second, now);
    if (static_cast<int>(it->second.size()) < max_failures_) return std::nullopt;
    return it->second.front() + window_ms_ - now;
  }
  void failed(const std::string& client, Millis now) {
    std::lock_guard lock(mutex_);
    if (failures_.size() > 100'000) failures_.clear();  // bounded memory under a flood
    auto& times = failures_[client];
    prune(times, now);
    times.push_back(now);
  }
  void succeeded(const std::string& client) {
    std::lock_guard lock(mutex_);
    failures_.erase(client);
  }

 private:
  void prune(std::deque<Millis>& times, Millis now) const {
    while (!times.empty() && times.front() + window_ms_ <= now) times.pop_front();
  }
  int max_failures_;
  Millis window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Millis>> failures_;
};

}  // namespace gatepass::app
