#pragma once
// A ticket's history (what, who, when, from/to holder, old/new code) and the codes it no longer
// answers to (replaced by a transfer): the gate, offline packs and reports read the same rows.
#include <vector>

#include "domain/box_office.hpp"
#include "store/db.hpp"

namespace gatepass::store::ticket_events {

void insert(Connection& c, const TicketEvent& e);
std::vector<TicketEvent> of_ticket(Connection& c, Id ticket_id, std::int64_t limit);

void revoke_code(Connection& c, Id ticket_id, std::int64_t code_id, Id event_id, const std::string& payload,
                 const std::string& reason, Millis at);

}  // namespace gatepass::store::ticket_events
