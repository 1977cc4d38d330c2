#include "store/commit_wait.hpp"

#include <exception>

namespace gatepass::store {

namespace {
thread_local CommitWait* current = nullptr;
}

CommitWait* current_commit_wait() {
  // Never while an exception is being handled (in a catch block) or thrown (a destructor during
  // unwinding): the C++ runtime keeps that state per thread, so a fiber suspended there and resumed
  // on another thread, or after another fiber's catch block on this one, finds it gone ("terminate
  // called without an active exception" from a `throw;`). There the thread blocks instead.
  if (current && (std::uncaught_exceptions() > 0 || std::current_exception())) return nullptr;
  return current;
}
void set_current_commit_wait(CommitWait* wait) { current = wait; }

}  // namespace gatepass::store
