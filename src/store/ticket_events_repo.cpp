#include "store/ticket_events_repo.hpp"

namespace gatepass::store::ticket_events {

void insert(Connection& c, const TicketEvent& e) {
  c.query("INSERT INTO ticket_events (ticket_id, event_id, action, actor_id, actor, at, from_holder, to_holder, "
          "old_code_id, new_code_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {e.ticket_id, e.event_id, e.action, opt(e.actor_id), e.actor, e.at, opt(e.from_holder), opt(e.to_holder),
           opt(e.old_code_id), opt(e.new_code_id), e.details_json});
}

std::vector<TicketEvent> of_ticket(Connection& c, Id ticket_id, std::int64_t limit) {
  std::vector<TicketEvent> out;
  for (auto& r : c.query("SELECT id, ticket_id, event_id, action, actor_id, actor, at, from_holder, to_holder, "
                         "old_code_id, new_code_id, details FROM ticket_events WHERE ticket_id = ? ORDER BY id LIMIT ?",
                         {ticket_id, limit})
                    .rows) {
    TicketEvent e;
    e.id = r.integer(0);
    e.ticket_id = r.integer(1);
    e.event_id = r.integer(2);
    e.action = r.text(3);
    e.actor_id = r.opt_integer(4);
    e.actor = r.text(5);
    e.at = r.integer(6);
    e.from_holder = r.opt_text(7);
    e.to_holder = r.opt_text(8);
    e.old_code_id = r.opt_integer(9);
    e.new_code_id = r.opt_integer(10);
    e.details_json = r.text(11);
    out.push_back(std::move(e));
  }
  return out;
}

void revoke_code(Connection& c, Id ticket_id, std::int64_t code_id, Id event_id, const std::string& payload,
                 const std::string& reason, Millis at) {
  c.query("INSERT INTO revoked_codes (ticket_id, code_id, event_id, payload, reason, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
          {ticket_id, code_id, event_id, payload, reason, at});
}

}  // namespace gatepass::store::ticket_events
