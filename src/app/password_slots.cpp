#include "app/password_slots.hpp"

#include <algorithm>

#include "domain/error.hpp"

namespace gatepass::app {

void PasswordSlots::acquire(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!cv_.wait_for(lock, wait, [&] { return free_ > 0; }))
    throw Error(ErrorCode::unavailable, "The server is busy checking passwords; try again in a moment");
  --free_;
  peak_ = std::max(peak_, ++busy_);
}

void PasswordSlots::release() {
  {
    std::lock_guard lock(mutex_);
    ++free_;
    --busy_;
  }
  cv_.notify_one();
}

}  // namespace gatepass::app
