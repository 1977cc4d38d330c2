#pragma once
// "My tickets" as the holder's cards show them: each ticket with its event's when and where, and
// the refund or transfer waiting for a decision, if any (the card shows that instead of Send and
// Refund). Read in one transaction, so a card never pairs a ticket with another moment's request.
#include <optional>
#include <vector>

#include "app/context.hpp"
#include "store/requests_repo.hpp"

namespace gatepass::app {

struct HolderTicket {
  TicketView ticket;
  std::optional<std::string> venue;
  std::optional<Millis> starts_at;
  std::optional<Millis> ends_at;
  std::optional<std::string> description;  // the event's
  std::optional<store::requests::Pending> pending;
};

std::vector<HolderTicket> my_ticket_cards(Context& ctx, const Principal& me);

}  // namespace gatepass::app
