#pragma once
// Runs background jobs (bulk generation, bulk decisions) one at a time on a thread of its own,
// so a request that starts one returns at once (202) and progress is read from the jobs table.
// On shutdown the running job stops between two committed steps and is marked failed; what it
// committed stays (each step is its own transaction), and its progress says how far it got.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace gatepass::app {

struct JobInterrupted : std::runtime_error {
  JobInterrupted() : std::runtime_error("interrupted: the server is shutting down") {}
};

class JobRunner {
 public:
  JobRunner() = default;
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;
  ~JobRunner();

  void submit(std::function<void()> work);
  // For long jobs, between steps: throws JobInterrupted once shutdown began.
  void check_not_stopping() const;
  // Tests and the CLI: returns when every submitted job has finished.
  void wait_idle();

 private:
  void loop();
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<std::function<void()>> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gatepass::app
