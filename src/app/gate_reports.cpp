#include "app/gate_reports.hpp"

#include "app/ticket_change.hpp"
#include "domain/error.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app {

ScanPage list_scans(Context& ctx, const store::scans::Filter& f, std::int64_t limit) {
  ScanPage out;
  ctx.db.read_one([&](store::Connection& c) { out.items = store::scans::list(c, f, limit + 1); });
  // One row more than asked tells whether an older page exists, without counting the table.
  if (static_cast<std::int64_t>(out.items.size()) > limit) {
    out.items.resize(static_cast<std::size_t>(limit));
    out.next_cursor = out.items.back().id;
  }
  return out;
}

std::vector<Scan> ticket_scans(Context& ctx, const Principal& by, const std::string& serial,
                               std::optional<Id> gate_event) {
  if (by.role == Role::scanner && !gate_event)
    throw Error(ErrorCode::validation, "Choose the gate's event first",
                {{"event_id", "is required when a scanner reads a ticket's scans"}});
  std::vector<Scan> out;
  ctx.db.read([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    // Same answer as an unknown serial: a scanner learns nothing about other events' tickets.
    if (gate_event && t.ticket.event_id != *gate_event) throw Error(ErrorCode::not_found, "No ticket " + serial);
    out = store::scans::of_ticket(c, t.ticket.id, 500);
  });
  return out;
}

void require_event(Context& ctx, Id event_id) {
  bool found = false;
  ctx.db.read_one([&](store::Connection& c) { found = store::events::find(c, event_id).has_value(); });
  if (!found) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
}

std::vector<Scan> scans_after(Context& ctx, Id event_id, Id after_id, std::int64_t limit) {
  std::vector<Scan> out;
  ctx.db.read_one([&](store::Connection& c) { out = store::scans::of_event_after(c, event_id, after_id, limit); });
  return out;
}

AttendanceReport attendance_report(Context& ctx, Id event_id, int bucket_minutes) {
  AttendanceReport out;
  out.event_id = event_id;
  out.bucket_ms = static_cast<Millis>(bucket_minutes) * 60'000;
  out.generated_at = ctx.now();
  ctx.db.read([&](store::Connection& c) {
    if (!store::events::find(c, event_id)) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
    out.counts = store::attendance::counts(c, event_id);
    out.movements = store::attendance::movements(c, event_id, out.bucket_ms);
    out.refused = store::attendance::refusals(c, event_id);
    out.typed_misses = store::attendance::typed_misses(c, event_id);
  });
  return out;
}

}  // namespace gatepass::app
