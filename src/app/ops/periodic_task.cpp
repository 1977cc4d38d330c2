#include "app/ops/periodic_task.hpp"

#include <spdlog/spdlog.h>

namespace gatepass::app::ops {

PeriodicTask::PeriodicTask(std::string what, std::chrono::milliseconds interval, std::function<void()> pass)
    : what_(std::move(what)), interval_(interval), pass_(std::move(pass)), thread_([this] { loop(); }) {}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  run_pass();
}

void PeriodicTask::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    lock.unlock();
    run_pass();
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

void PeriodicTask::run_pass() noexcept {
  try {
    pass_();
    if (!last_error_.empty()) spdlog::info("{} works again", what_);
    last_error_.clear();
  } catch (const std::exception& e) {
    if (last_error_ != e.what()) spdlog::warn("{} failed (will retry): {}", what_, e.what());
    last_error_ = e.what();
  }
}

}  // namespace gatepass::app::ops
