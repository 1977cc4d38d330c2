#include "store/commit_wait.hpp"

namespace gatepass::store {

namespace {
thread_local CommitWait* current = nullptr;
}

CommitWait* current_commit_wait() { return current; }
void set_current_commit_wait(CommitWait* wait) { current = wait; }

}  // namespace gatepass::store
