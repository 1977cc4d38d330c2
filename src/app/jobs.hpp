#pragma once
#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

Job get_job(Context& ctx, Id id);  // not_found
// At start-up: jobs whose runner died are marked failed (SQLite: all unfinished ones; PostgreSQL:
// those without a heartbeat for a minute, since other instances may be running theirs).
std::int64_t fail_stale_jobs(Context& ctx);
inline constexpr Millis kJobHeartbeatTimeoutMs = 60'000;

// Job bookkeeping for runners: each in its own short transaction.
void job_started(Context& ctx, Id job_id);
void job_failed(Context& ctx, Id job_id, const std::string& error);

}  // namespace gatepass::app
