#pragma once
// Which refused look-ups at verify become scan rows (docs/devices.md §5): the same code refused with
// the same result by the same device (or user, without a device) within kWindow writes no second
// row. In memory per instance, and bounded: keys are 64-bit hashes, and beyond kMaxEntries the
// expired ones are forgotten first, then everything (a repeat may then be written once more).
#include <cstdint>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "domain/model.hpp"

namespace gatepass::app::gate {

class RefusalLog {
 public:
  static constexpr Millis kWindow = 60'000;
  static constexpr std::size_t kMaxEntries = 50'000;

  // True: write this refusal's row (and remember it); false: a repeat within the window.
  bool first_in_window(std::string_view who, std::string_view code, std::string_view result, Millis now);

 private:
  std::mutex mutex_;
  std::unordered_map<std::uint64_t, Millis> written_;  // key hash -> when its row was written
};

}  // namespace gatepass::app::gate
