#include "app/job_runner.hpp"
#include "app/ops/metrics.hpp"

#include <spdlog/spdlog.h>

namespace gatepass::app {

JobRunner::~JobRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();  // queued jobs never started: their rows are failed by fail_stale_jobs at the next start
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void JobRunner::submit(std::function<void()> work) {
  std::lock_guard lock(mutex_);
  if (stopping_) throw JobInterrupted();
  queue_.push_back(std::move(work));
  metrics::registry().jobs_queued.fetch_add(1, std::memory_order_relaxed);
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  cv_.notify_one();
}

void JobRunner::check_not_stopping() const {
  std::lock_guard lock(mutex_);
  if (stopping_) throw JobInterrupted();
}

void JobRunner::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_cv_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void JobRunner::loop() {
  for (;;) {
    std::function<void()> work;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) {
        metrics::registry().jobs_queued.fetch_sub(static_cast<std::int64_t>(queue_.size()), std::memory_order_relaxed);
        break;
      }
      work = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      metrics::registry().jobs_running.fetch_add(1, std::memory_order_relaxed);
      metrics::registry().jobs_queued.fetch_sub(1, std::memory_order_relaxed);
    }
    try {
      work();  // records its own success or failure in the jobs table
    } catch (const std::exception& e) {
      spdlog::error("background job failed outside its own handling: {}", e.what());
    }
    metrics::registry().jobs_running.fetch_sub(1, std::memory_order_relaxed);
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    idle_cv_.notify_all();
  }
  std::lock_guard lock(mutex_);
  busy_ = false;
  idle_cv_.notify_all();
}

}  // namespace gatepass::app
