#include "app/gate/attendee_search.hpp"

#include "app/audit.hpp"
#include "app/gate/assignment.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app::gate {

std::vector<store::tickets::Attendee> search_attendees(Context& ctx, const Principal& by, Id event_id,
                                                       const std::string& query) {
  const auto needle = validation::trim(query);
  const auto length = validation::utf8_length(needle);
  if (auto err = validation::check_text(needle, 64, true))
    throw Error(ErrorCode::validation, "Bad search", {{"q", *err}});
  if (!length || *length < 2) throw Error(ErrorCode::validation, "Bad search", {{"q", "must be 2 to 64 characters"}});
  require_event(by, event_id);
  std::vector<store::tickets::Attendee> out;
  ctx.db.read([&](store::Connection& c) {
    const auto event = store::events::find(c, event_id);
    if (!event) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
    if (event->gate_lookup != "name")
      throw Error(ErrorCode::gate_lookup_disabled, "Name search at the gate is off for this event",
                  {{"gate_lookup", "an admin can turn it on (PATCH /api/events/{id} {\"gate_lookup\": \"name\"})"}});
    // Charged only for searches that run: a disabled event costs nothing.
    const std::string budget = by.device ? "device:" + by.device->device_id : "user:" + std::to_string(by.user_id);
    if (auto wait = ctx.gate_lookups.take(budget, ctx.now()))
      throw Error(ErrorCode::too_many_requests, "Too many name searches; wait a moment").retry_after_ms(*wait);
    out = store::tickets::search_attendees(c, event_id, needle, kMaxLookupResults);
  });
  AuditRecord rec{"gate.lookup", "event", std::to_string(event_id), event_id, {}};
  rec.details["query_length"] = static_cast<std::int64_t>(*length);
  rec.details["results"] = static_cast<std::int64_t>(out.size());
  if (by.device) rec.details["device_id"] = by.device->device_id;
  record_audit_later(ctx, Actor::of(by), rec);
  return out;
}

std::string attendee_state(const store::tickets::Attendee& a) {
  if (a.status == TicketStatus::used && a.inside) return "inside";
  return std::string(to_string(a.status));
}

}  // namespace gatepass::app::gate
