#include "app/gate/refusal_log.hpp"

#include <functional>
#include <string>

namespace gatepass::app::gate {

bool RefusalLog::first_in_window(std::string_view who, std::string_view code, std::string_view result, Millis now) {
  std::string key;
  key.reserve(who.size() + code.size() + result.size() + 2);
  key.append(who).append(1, '\n').append(result).append(1, '\n').append(code);
  const auto hash = std::hash<std::string>{}(key);
  std::lock_guard lock(mutex_);
  auto it = written_.find(hash);
  if (it != written_.end()) {
    if (now - it->second < kWindow && now >= it->second) return false;
    it->second = now;
    return true;
  }
  if (written_.size() >= kMaxEntries) {
    std::erase_if(written_, [&](const auto& entry) { return now - entry.second >= kWindow || now < entry.second; });
    if (written_.size() >= kMaxEntries) written_.clear();
  }
  written_.emplace(hash, now);
  return true;
}

}  // namespace gatepass::app::gate
