#include "app/audit/sealer.hpp"

#include <spdlog/spdlog.h>

#include "app/audit/seal.hpp"

namespace gatepass::app::audit {

Sealer::Sealer(store::Database& db, std::function<Millis()> clock, std::chrono::milliseconds interval)
    : db_(db), clock_(std::move(clock)), interval_(interval), thread_([this] { loop(); }) {}

Sealer::~Sealer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  pass();
}

void Sealer::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    pass();
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

void Sealer::pass() noexcept {
  try {
    seal_committed(db_, clock_, /*wait=*/false);
    if (!last_error_.empty()) spdlog::info("audit chain: sealing works again");
    last_error_.clear();
  } catch (const std::exception& e) {
    // The rows stay unsealed (verify reports them so) and the next pass tries again; a lasting
    // failure is logged once, not every second.
    if (last_error_ != e.what()) spdlog::warn("audit chain: sealing failed (will retry): {}", e.what());
    last_error_ = e.what();
  }
}

}  // namespace gatepass::app::audit
