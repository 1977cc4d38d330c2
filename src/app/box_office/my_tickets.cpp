#include "app/box_office/my_tickets.hpp"

#include <map>

#include "app/holders.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app {

std::vector<HolderTicket> my_ticket_cards(Context& ctx, const Principal& me) {
  std::vector<HolderTicket> out;
  ctx.db.read([&](store::Connection& c) {
    out.clear();
    std::vector<Id> ids;
    std::map<Id, std::optional<Event>> events;  // a holder's tickets are of a few events
    for (auto& t : my_tickets(c, me)) {
      ids.push_back(t.ticket.id);
      auto [at, fresh] = events.try_emplace(t.ticket.event_id);
      if (fresh) at->second = store::events::find(c, t.ticket.event_id);
      HolderTicket card{std::move(t), std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
      if (const auto& e = at->second) {
        card.venue = e->venue;
        card.starts_at = e->starts_at;
        card.ends_at = e->ends_at;
        card.description = e->description;
      }
      out.push_back(std::move(card));
    }
    std::map<Id, store::requests::Pending> pending;
    for (auto& p : store::requests::pending_for_tickets(c, ids)) pending.emplace(p.ticket_id, std::move(p));
    for (auto& card : out)
      if (const auto it = pending.find(card.ticket.ticket.id); it != pending.end()) card.pending = it->second;
  });
  return out;
}

}  // namespace gatepass::app
