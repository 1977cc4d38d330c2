#pragma once
// A background pass run every `interval` on its own thread, and once more when it stops (the
// audit sealer, the search indexer). A failing pass is logged when its error changes, not every
// time, and the next one tries again; recovery is logged once.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace gatepass::app::ops {

class PeriodicTask {
 public:
  // `what` names the task in the log ("audit chain: sealing"); `pass` may throw.
  PeriodicTask(std::string what, std::chrono::milliseconds interval, std::function<void()> pass);
  ~PeriodicTask();  // stops the thread, then runs a last pass
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void loop();
  void run_pass() noexcept;
  std::string what_;
  std::chrono::milliseconds interval_;
  std::function<void()> pass_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::string last_error_;  // of the last failed pass (only the task's thread, then the destructor)
  std::thread thread_;      // last: starts once everything above is set
};

}  // namespace gatepass::app::ops
