#pragma once
// Rendered ticket PDFs, by what they show (docs/devices.md, availability of the gate): a holder
// fetching their PDF in a loop costs one render, not one per request. The key is a hash of every
// field printed, so a new code, holder, status or claim code is a new entry, never a stale PDF.
// Bounded: at most kMaxEntries, the oldest entry goes first.
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace gatepass::app {

class PdfCache {
 public:
  static constexpr std::size_t kMaxEntries = 256;  // ~30 KB each: under 8 MB

  std::optional<std::string> get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, const std::string& pdf) {
    std::lock_guard lock(mutex_);
    if (entries_.contains(key)) return;
    if (order_.size() >= kMaxEntries) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
    entries_.emplace(key, pdf);
    order_.push_back(key);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::string> entries_;
  std::deque<std::string> order_;
};

}  // namespace gatepass::app
