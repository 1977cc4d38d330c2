#pragma once
// Users as authentication sees them, cached for a short time so a request does not pay a database
// round trip just to learn its caller is still active. Changes made through this process
// invalidate the entry at once; other instances (PostgreSQL scale-out) see them within the TTL.
#include <mutex>
#include <optional>
#include <unordered_map>

#include "domain/model.hpp"

namespace gatepass::app {

class UserCache {
 public:
  explicit UserCache(Millis ttl_ms) : ttl_ms_(ttl_ms) {}
  std::optional<User> get(Id id, Millis now) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end() || now - it->second.loaded_at >= ttl_ms_) return std::nullopt;
    return it->second.user;
  }
  void put(const User& u, Millis now) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= 10'000) entries_.clear();  // bounded; refills on demand
    entries_[u.id] = {u, now};
  }
  void invalidate(Id id) {
    std::lock_guard lock(mutex_);
    entries_.erase(id);
  }

 private:
  struct Entry {
    User user;
    Millis loaded_at;
  };
  Millis ttl_ms_;
  mutable std::mutex mutex_;
  std::unordered_map<Id, Entry> entries_;
};

}  // namespace gatepass::app
