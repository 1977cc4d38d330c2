// One batch of the SQLite writer (group commit): every queued job in one transaction, one fsync.
//
// A job that fails must not undo the others' work. Before, every job ran inside its own SAVEPOINT;
// that cost 20,000-50,000 instructions per job on the writer thread (callgrind: about a tenth of
// an approval's or a check-in's writer work: the statements themselves, and SQLite keeping what a
// savepoint changed so that it can roll it back). Now a job runs without one, and a failure is
// undone like this:
//   - most failures happen before the job changed anything (a 404, a 409, a refused validation,
//     a UNIQUE conflict: SQLite undoes a failed statement itself). Then there is nothing to undo:
//     the connection's change counter is where it was when the job started;
//   - a job that failed after changing rows cannot be undone alone: the whole transaction is
//     rolled back and the batch runs again, this time with a savepoint per job, and so do the
//     batches of the next second (a burst of such failures costs what every batch cost before,
//     not a second run each). store::Database::write's contract already lets the backend run a
//     job again (PostgreSQL does after a serialization failure), so jobs are written for it.
#include <spdlog/spdlog.h>

#include "store/observer.hpp"
#include "store/request_scope.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace gatepass::store {

void SqliteDatabase::run_batch(std::vector<Job*>& batch) {
  auto& c = *writer_conn_;
  bool savepoints = std::chrono::steady_clock::now() < savepoints_until_;
  for (;;) {
    try {
      c.exec("BEGIN IMMEDIATE", {});
    } catch (...) {
      for (Job* job : batch) job->error = std::current_exception();
      return;
    }
    if (run_jobs(batch, savepoints)) break;
    // A job failed with rows changed and no savepoint to undo them: nothing of this transaction
    // may commit. Again, each job in its own savepoint.
    try {
      c.exec_script("ROLLBACK");
    } catch (...) {
    }
    for (Job* job : batch) job->error = nullptr;
    savepoints = true;
    savepoints_until_ = std::chrono::steady_clock::now() + savepoints_window_;
  }
  commit_batch(batch);
}

// False when a job failed after changing rows while `savepoints` was off (the caller rolls back).
bool SqliteDatabase::run_jobs(std::vector<Job*>& batch, bool savepoints) {
  auto& c = *writer_conn_;
  for (Job* job : batch) {
    if (!c.in_transaction()) {
      // SQLite rolled the whole transaction back (I/O error, disk full): later jobs must not
      // run in autocommit mode, and earlier ones are lost, so the whole batch fails at COMMIT.
      job->error = std::make_exception_ptr(Unavailable("transaction aborted by SQLite"));
      continue;
    }
    if (!savepoints) {
      const auto changes_before = c.total_changes();
      try {
        RequestScope scope(job->request_id);
        (*job->work)(c);
      } catch (...) {
        job->error = std::current_exception();
        if (c.in_transaction() && c.total_changes() != changes_before) return false;
      }
      continue;
    }
    try {
      c.exec("SAVEPOINT job", {});
      try {
        RequestScope scope(job->request_id);
        (*job->work)(c);
        c.exec("RELEASE job", {});
      } catch (...) {
        job->error = std::current_exception();
        c.exec("ROLLBACK TO job", {});
        c.exec("RELEASE job", {});
      }
    } catch (...) {
      // The savepoint machinery itself failed: the transaction is unusable.
      if (!job->error) job->error = std::current_exception();
    }
  }
  return true;
}

void SqliteDatabase::commit_batch(std::vector<Job*>& batch) {
  auto& c = *writer_conn_;
  try {
    const auto commit_start = std::chrono::steady_clock::now();
    c.exec("COMMIT", {});
    if (auto* o = observer())
      o->commit(batch.size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_start).count());
  } catch (const std::exception& e) {
    spdlog::error("SQLite group commit failed: {}", e.what());
    try {
      c.exec_script("ROLLBACK");
    } catch (...) {
    }
    // Nothing of this batch is durable: every job fails, none is acknowledged.
    for (Job* job : batch)
      if (!job->error) job->error = std::make_exception_ptr(Unavailable(std::string("commit failed: ") + e.what()));
  }
}

}  // namespace gatepass::store
