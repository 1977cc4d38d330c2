#pragma once
// The organisers' texts a holder's ticket shows (issue 24): its event's and ticket types', read
// once per event so a list of tickets costs one read per event, not per ticket.
#include <map>
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

struct EventTexts {
  Event event;
  std::map<Id, TicketType> ticket_types;  // by id
};
// By event id; an id without an event is left out.
std::map<Id, EventTexts> event_texts(Context& ctx, const std::vector<Id>& event_ids);

}  // namespace gatepass::app
