#pragma once
// Ticket types and the counters that make quotas hold: `generated` moves only by a conditional
// write against the quota, `sold` with each sale.
#include <map>
#include <optional>
#include <vector>

#include "domain/box_office.hpp"
#include "store/db.hpp"

namespace gatepass::store::ticket_types {

Id insert(Connection& c, const TicketType& t, Millis now);  // UniqueViolation: name taken in the event
// 0 when the new quota is below the tickets already generated.
std::int64_t update(Connection& c, const TicketType& t, Millis now);
std::optional<TicketType> find(Connection& c, Id id);
std::vector<TicketType> of_event(Connection& c, Id event_id);
// 1 if `count` more tickets fit the type's quota (and were counted), 0 if not.
std::int64_t reserve(Connection& c, Id id, std::int64_t count);
void count_sold(Connection& c, Id id, std::int64_t delta);
// Unsold (created) tickets per type of the event.
std::map<Id, std::int64_t> unsold_counts(Connection& c, Id event_id);

}  // namespace gatepass::store::ticket_types
