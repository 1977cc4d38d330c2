#include "store/jobs_repo.hpp"

namespace gatepass::store::jobs {

namespace {
const std::string kSelect =
    "SELECT id, kind, status, total, done, params, result, error, event_id, created_by, created_at, started_at, "
    "finished_at FROM jobs ";
}  // namespace

Id insert(Connection& c, const Job& j, Millis now) {
  return c
      .query("INSERT INTO jobs (kind, status, total, done, params, event_id, created_by, created_at, heartbeat_at) "
             "VALUES (?, 'queued', ?, 0, ?, ?, ?, ?, ?) RETURNING id",
             {j.kind, j.total, j.params_json, opt(j.event_id), opt(j.created_by), now, now})
      .rows.at(0)
      .integer(0);
}

std::optional<Job> find(Connection& c, Id id) {
  auto r = c.query(kSelect + "WHERE id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  const Row& row = r.rows[0];
  Job j;
  j.id = row.integer(0);
  j.kind = row.text(1);
  j.status = parse_job_status(row.text(2)).value_or(JobStatus::failed);
  j.total = row.integer(3);
  j.done = row.integer(4);
  j.params_json = row.text(5);
  j.result_json = row.text(6);
  j.error = row.opt_text(7);
  j.event_id = row.opt_integer(8);
  j.created_by = row.opt_integer(9);
  j.created_at = row.integer(10);
  j.started_at = row.opt_integer(11);
  j.finished_at = row.opt_integer(12);
  return j;
}

void start(Connection& c, Id id, Millis now) {
  c.query("UPDATE jobs SET status = 'running', started_at = ?, heartbeat_at = ? WHERE id = ?", {now, now, id});
}

void progress(Connection& c, Id id, std::int64_t done, Millis now) {
  c.query("UPDATE jobs SET done = ?, heartbeat_at = ? WHERE id = ?", {done, now, id});
}

void finish(Connection& c, Id id, const std::string& result_json, Millis now, std::optional<std::int64_t> total) {
  if (total)
    c.query("UPDATE jobs SET status = 'done', total = ?, done = ?, result = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?",
            {*total, *total, result_json, now, now, id});
  else
    c.query("UPDATE jobs SET status = 'done', done = total, result = ?, finished_at = ?, heartbeat_at = ? WHERE id = ?",
            {result_json, now, now, id});
}

void set_params(Connection& c, Id id, const std::string& params_json) {
  c.query("UPDATE jobs SET params = ? WHERE id = ?", {params_json, id});
}

void fail(Connection& c, Id id, const std::string& error, Millis now) {
  c.query("UPDATE jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?", {error, now, id});
}

std::int64_t fail_stale(Connection& c, Millis stale_before, Millis now) {
  return c
      .query("UPDATE jobs SET status = 'failed', error = 'interrupted: the server running it stopped', finished_at = ? "
             "WHERE status IN ('queued','running') AND heartbeat_at < ?",
             {now, stale_before})
      .affected;
}

}  // namespace gatepass::store::jobs
