#pragma once
#include <optional>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::tickets {

Id insert(Connection& c, const Ticket& t, Id key_id, std::optional<Id> issued_by);
std::optional<TicketView> find_by_serial(Connection& c, const std::string& serial);
std::optional<TicketView> find_by_number(Connection& c, Id event_id, std::int64_t number);
std::optional<TicketView> find_by_registration(Connection& c, Id registration_id);
// The one conditional write of a check-in: 1 = admitted now, 0 = not valid any more.
std::int64_t mark_used(Connection& c, Id ticket_id, Millis at, Id by);
// Void (admin): 1 = voided now, 0 = its status does not allow it (see domain/ticket_state).
std::int64_t mark_void(Connection& c, Id ticket_id, Millis at, Id by, const std::string& reason);

}  // namespace gatepass::store::tickets
