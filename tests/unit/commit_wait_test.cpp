// A fiber never suspends while the C++ runtime is handling an exception for its thread
// (store/commit_wait.hpp): there the database blocks the thread instead.
#include <gtest/gtest.h>

#include "store/commit_wait.hpp"

using gatepass::store::CommitWait;
using gatepass::store::current_commit_wait;
using gatepass::store::set_current_commit_wait;

namespace {
struct NeverWaits final : CommitWait {
  void suspend(const std::function<void(std::function<void()>)>&) override {}
  void wait_readable(int) override {}
};
struct Installed {
  explicit Installed(CommitWait* w) { set_current_commit_wait(w); }
  ~Installed() { set_current_commit_wait(nullptr); }
};
}  // namespace

TEST(CommitWait, NoneInsideACatchBlockOrWhileUnwinding) {
  NeverWaits wait;
  Installed installed(&wait);
  EXPECT_EQ(current_commit_wait(), &wait);
  try {
    throw std::runtime_error("a refused check-in");
  } catch (const std::exception&) {
    EXPECT_EQ(current_commit_wait(), nullptr) << "a statement in a catch block would suspend the fiber";
  }
  CommitWait* seen_while_unwinding = &wait;
  try {
    struct RollsBackOnTheWayOut {
      CommitWait*& seen;
      ~RollsBackOnTheWayOut() { seen = current_commit_wait(); }
    } guard{seen_while_unwinding};
    throw std::runtime_error("a failed write");
  } catch (const std::exception&) {
  }
  EXPECT_EQ(seen_while_unwinding, nullptr) << "a destructor's statement during unwinding would suspend the fiber";
  EXPECT_EQ(current_commit_wait(), &wait) << "and after the catch block the fiber suspends again";
}
