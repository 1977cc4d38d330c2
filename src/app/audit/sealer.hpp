#pragma once
// The background sealer every `gatepass serve` runs (app/audit/seal.hpp): every second it links
// what was written since, then once more when it stops. On PostgreSQL each instance runs one;
// a pass finding the head locked by another instance's pass skips (that one links the rows).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::app::audit {

class Sealer {
 public:
  Sealer(store::Database& db, std::function<Millis()> clock,
         std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~Sealer();  // a last pass, so a graceful stop leaves nothing of its own unsealed
  Sealer(const Sealer&) = delete;
  Sealer& operator=(const Sealer&) = delete;

 private:
  void loop();
  void pass() noexcept;
  store::Database& db_;
  std::function<Millis()> clock_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::string last_error_;  // of the last failed pass (only the sealer's thread, then the destructor)
  std::thread thread_;
};

}  // namespace gatepass::app::audit
