#pragma once
// Databases that misbehave on purpose, wrapped around a real one: writes held at a gate (to show
// what must not wait for a commit), or a commit whose outcome the caller cannot know.
#include <condition_variable>
#include <functional>
#include <mutex>

#include "store/db.hpp"

namespace gatepass::testing {

class ForwardingDatabase : public store::Database {
 public:
  explicit ForwardingDatabase(store::Database& inner) : inner_(inner) {}
  void write(const std::function<void(store::Connection&)>& work) override { inner_.write(work); }
  void read(const std::function<void(store::Connection&)>& work) override { inner_.read(work); }
  void read_one(const std::function<void(store::Connection&)>& work) override { inner_.read_one(work); }
  void migrate_step(const std::function<void(store::Connection&)>& work) override { inner_.migrate_step(work); }
  store::Dialect dialect() const override { return inner_.dialect(); }
  std::string_view name() const override { return inner_.name(); }

 protected:
  store::Database& inner_;
};

// write() waits while the gate is closed; reads go through.
class GatedWritesDatabase : public ForwardingDatabase {
 public:
  using ForwardingDatabase::ForwardingDatabase;
  void close_gate() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }
  void open_gate() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    cv_.notify_all();
  }
  void write(const std::function<void(store::Connection&)>& work) override {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return open_; });
    }
    inner_.write(work);
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool open_ = true;
};

// The next write commits for real, then reports CommitOutcomeUnknown (the connection "broke"
// during COMMIT); later writes are normal.
class CommitUnknownOnceDatabase : public ForwardingDatabase {
 public:
  using ForwardingDatabase::ForwardingDatabase;
  void write(const std::function<void(store::Connection&)>& work) override {
    inner_.write(work);
    if (!fired_) {
      fired_ = true;
      throw store::CommitOutcomeUnknown("simulated: connection lost during COMMIT");
    }
  }

 private:
  bool fired_ = false;
};

// The next write runs once and is rolled back as after a deadlock, `meanwhile` runs (another
// request wins the race), then the write is re-run: what a backend's retry does.
class RetryOnceDatabase : public ForwardingDatabase {
 public:
  RetryOnceDatabase(store::Database& inner, std::function<void()> meanwhile)
      : ForwardingDatabase(inner), meanwhile_(std::move(meanwhile)) {}
  void write(const std::function<void(store::Connection&)>& work) override {
    if (!fired_) {
      fired_ = true;
      struct Deadlock {};
      try {
        inner_.write([&](store::Connection& c) {
          work(c);
          throw Deadlock{};
        });
      } catch (const Deadlock&) {
      }
      meanwhile_();
    }
    inner_.write(work);
  }

 private:
  std::function<void()> meanwhile_;
  bool fired_ = false;
};

}  // namespace gatepass::testing
