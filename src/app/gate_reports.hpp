#pragma once
// What the operations desk reads about the gates: scan lists, a ticket's scans, the attendance
// report behind the dashboard's charts (docs/gate-operations.md).
#include <vector>

#include "app/context.hpp"
#include "store/attendance_repo.hpp"
#include "store/scans_repo.hpp"

namespace gatepass::app {

// Validated filter values (gate, result, type, device_id as the scans table stores them).
struct ScanPage {
  std::vector<Scan> items;
  std::optional<Id> next_cursor;  // pass as before_id for the next (older) page
};
ScanPage list_scans(Context& ctx, const store::scans::Filter& f, std::int64_t limit);

// A scanner may read a ticket's scans only at its own gate's event.
std::vector<Scan> ticket_scans(Context& ctx, const Principal& by, const std::string& serial,
                               std::optional<Id> gate_event);

struct AttendanceReport {
  Id event_id = 0;
  Millis generated_at = 0;
  Millis bucket_ms = 0;
  store::attendance::Counts counts;
  std::vector<store::attendance::Bucket> movements;
  std::vector<store::attendance::ResultCount> refused;
  std::int64_t typed_misses = 0;  // typed serials that named no ticket: not refusals
};
// 404 unless the event exists.
void require_event(Context& ctx, Id event_id);
// The event's scans after `after_id`, oldest first: what a resumed live stream missed.
std::vector<Scan> scans_after(Context& ctx, Id event_id, Id after_id, std::int64_t limit);

AttendanceReport attendance_report(Context& ctx, Id event_id, int bucket_minutes);

}  // namespace gatepass::app
