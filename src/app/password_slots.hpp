#pragma once
// Argon2id is deliberately expensive: 64 MiB of memory per hash. Logins and password changes
// take a slot here first, so a burst of parallel logins queues instead of taking the server's
// memory (120 parallel logins reached 879 MB before). A request that waits too long is told the
// server is busy (503) rather than queued without bound.
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace gatepass::app {

class PasswordSlots {
 public:
  explicit PasswordSlots(int slots) : free_(slots > 0 ? slots : 1) {}

  // Runs fn() holding a slot; throws Error(unavailable) if none frees up within `wait`.
  template <class Fn>
  auto run(Fn&& fn, std::chrono::milliseconds wait = std::chrono::seconds(10)) {
    acquire(wait);
    struct Release {
      PasswordSlots& s;
      ~Release() { s.release(); }
    } release{*this};
    return fn();
  }
  // The most hashes that ran at the same time so far (tests check the bound holds).
  int peak() const {
    std::lock_guard lock(mutex_);
    return peak_;
  }

 private:
  void acquire(std::chrono::milliseconds wait);
  void release();

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  int free_;
  int busy_ = 0;
  int peak_ = 0;
};

}  // namespace gatepass::app
