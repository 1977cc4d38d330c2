#pragma once
#include <optional>

#include "domain/box_office.hpp"
#include "store/db.hpp"

namespace gatepass::store::jobs {

Id insert(Connection& c, const Job& j, Millis now);
std::optional<Job> find(Connection& c, Id id);
void start(Connection& c, Id id, Millis now);
// Progress, committed with the work it counts; also the heartbeat that says the job is alive.
void progress(Connection& c, Id id, std::int64_t done, Millis now);
// Done: `total` becomes what was really done when given (a bulk job whose rows moved meanwhile).
void finish(Connection& c, Id id, const std::string& result_json, Millis now,
            std::optional<std::int64_t> total = std::nullopt);
void set_params(Connection& c, Id id, const std::string& params_json);
void fail(Connection& c, Id id, const std::string& error, Millis now);
// Jobs whose runner stopped (no heartbeat since `stale_before`) become failed; returns how many.
std::int64_t fail_stale(Connection& c, Millis stale_before, Millis now);

}  // namespace gatepass::store::jobs
