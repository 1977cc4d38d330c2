#include "app/jobs.hpp"

#include "domain/error.hpp"
#include "store/jobs_repo.hpp"

namespace gatepass::app {

Job get_job(Context& ctx, Id id) {
  std::optional<Job> j;
  ctx.db.read_one([&](store::Connection& c) { j = store::jobs::find(c, id); });
  if (!j) throw Error(ErrorCode::not_found, "No job with id " + std::to_string(id));
  return *j;
}

std::int64_t fail_stale_jobs(Context& ctx) {
  std::int64_t n = 0;
  const Millis now = ctx.now();
  // SQLite has exactly one server process: at its start every unfinished job is dead, including
  // queued ones that never got a heartbeat. On PostgreSQL other instances may be running theirs.
  const Millis stale_before = ctx.db.dialect() == store::Dialect::sqlite ? now + 1 : now - kJobHeartbeatTimeoutMs;
  ctx.db.write([&](store::Connection& c) { n = store::jobs::fail_stale(c, stale_before, now); });
  return n;
}

void job_started(Context& ctx, Id job_id) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) { store::jobs::start(c, job_id, now); });
}

void job_failed(Context& ctx, Id job_id, const std::string& error) {
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) { store::jobs::fail(c, job_id, error.substr(0, 500), now); });
  } catch (...) {
    // The database is gone too: the heartbeat rule marks the job failed at the next start.
  }
}

}  // namespace gatepass::app
