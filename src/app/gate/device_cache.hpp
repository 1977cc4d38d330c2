#pragma once
// Devices as authentication sees them, by token hash, cached for a short time (like UserCache):
// a scan does not pay a database round trip to learn its device is still enrolled. Revoking,
// rolling or reassigning through this process clears the cache at once; other instances see the
// change within the TTL.
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/principal.hpp"

namespace gatepass::app::gate {

struct CachedDevice {
  DeviceIdentity identity;
  std::vector<Id> event_ids;
};

class DeviceCache {
 public:
  explicit DeviceCache(Millis ttl_ms) : ttl_ms_(ttl_ms) {}
  std::optional<CachedDevice> get(const std::string& token_hash, Millis now) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end() || now - it->second.loaded_at >= ttl_ms_) return std::nullopt;
    return it->second.device;
  }
  void put(const std::string& token_hash, const CachedDevice& d, Millis now) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= 10'000) entries_.clear();  // bounded; refills on demand
    entries_[token_hash] = {d, now};
  }
  void clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }
  // True at most once per `every` per device in this process: time to write its last_seen_at.
  bool take_touch(Id device, Millis now, Millis every) {
    std::lock_guard lock(mutex_);
    if (touched_.size() >= 10'000) touched_.clear();
    auto [it, fresh] = touched_.emplace(device, now);
    if (!fresh && now - it->second < every) return false;
    it->second = now;
    return true;
  }

 private:
  struct Entry {
    CachedDevice device;
    Millis loaded_at;
  };
  Millis ttl_ms_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::unordered_map<Id, Millis> touched_;
};

}  // namespace gatepass::app::gate
