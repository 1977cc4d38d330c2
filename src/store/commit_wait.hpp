#pragma once
// Waiting for a SQLite commit without holding a thread (issue 20).
//
// Every SQLite write is committed by the one writer thread (sqlite/sqlite_database.hpp); its caller
// waits for the commit. A caller that blocks its thread there costs two thread hand-offs per
// request (I/O thread -> blocking pool -> I/O thread) on top of the writer's own: on two cores the
// kernel's context switches were about half of the server's CPU during approvals (perf,
// docs/benchmarks.md). The HTTP server runs the hot write routes in a fiber on its I/O thread
// instead (http/commit_fiber.hpp) and installs a CommitWait for it: the write then queues its job,
// gives the thread back to other connections, and the fiber resumes once the batch committed.
//
// On PostgreSQL the same fiber waits for the database's answers (wait_readable): a statement is
// sent, the fiber suspends until the connection's socket is readable, and the I/O thread serves
// other connections meanwhile; no request crosses to the blocking pool and back.
//
// Whoever installs a CommitWait promises that nothing below it holds a lock across a write or a
// PostgreSQL statement (a suspended fiber keeps its locks while its thread serves others).
#include <functional>

namespace gatepass::store {

class CommitWait {
 public:
  virtual ~CommitWait() = default;
  // Calls `queue(resume)` once the caller is suspended, and returns after something called
  // `resume` (from any thread, once). The caller's thread serves other work in between.
  virtual void suspend(const std::function<void(std::function<void()> resume)>& queue) = 0;
  // Returns once `fd` is readable (or failed, for the caller to find out by reading); the caller's
  // thread serves other work in between.
  virtual void wait_readable(int fd) = 0;
};

// The CommitWait of the code running on this thread; nullptr (the default, and always inside a
// catch block or during unwinding): writes block the thread.
CommitWait* current_commit_wait();
void set_current_commit_wait(CommitWait* wait);

}  // namespace gatepass::store
