#pragma once
// Bulk generation: an admin makes N unsold (`created`) tickets of a type at once, each with its
// serial and its own signed QR payload. The quota, the event's capacity and the numbers are
// reserved up front in one transaction (so "no" comes at once, and two runs never overlap);
// then tickets are signed on all cores and inserted in batches, one transaction per chunk,
// with the job's progress committed alongside.
#include <functional>

#include "app/audit_record.hpp"
#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

inline constexpr std::int64_t kMaxGenerateCount = 1'000'000;

struct Generation {
  Job job;
  Id batch_id = 0;
  Id event_id = 0;
  Id ticket_type_id = 0;
  std::int64_t first_number = 0;
  std::int64_t count = 0;
};

// Validates and reserves; the job row is `queued`. Throws validation / not_found / quota_exceeded.
Generation reserve_generation(Context& ctx, const Actor& by, Id event_id, Id ticket_type_id, std::int64_t count);
// Makes the reserved tickets; `on_progress(done, total)` after each committed chunk. Marks the
// job done or failed (and rethrows on failure).
void run_generation(Context& ctx, const Generation& g, const std::function<void(std::int64_t, std::int64_t)>& on_progress = {});
// HTTP: reserve, then run on the job runner. Returns the queued job.
Job start_generation(Context& ctx, const Principal& by, Id event_id, Id ticket_type_id, std::int64_t count);

}  // namespace gatepass::app
