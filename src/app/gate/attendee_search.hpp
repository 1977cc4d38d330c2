#pragma once
// Name search at the gate (docs/devices.md §5): a holder without their QR is found by name, when
// the event allows it (gate_lookup = name). Answers what a steward needs to admit by serial, never
// contact details; audited with the query's length only; rate-limited per device or user.
#include <string>
#include <vector>

#include "app/context.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app::gate {

inline constexpr std::int64_t kMaxLookupResults = 10;

// 400 validation (q: 2-64 characters), 403 not_assigned, 404 unknown event, 403
// gate_lookup_disabled, 429 too_many_requests (GATEPASS_GATE_LOOKUPS_PER_MINUTE).
std::vector<store::tickets::Attendee> search_attendees(Context& ctx, const Principal& by, Id event_id,
                                                       const std::string& query);

// The gate's word for a ticket's state: its status, or "inside" for a used ticket inside now.
std::string attendee_state(const store::tickets::Attendee& a);

}  // namespace gatepass::app::gate
