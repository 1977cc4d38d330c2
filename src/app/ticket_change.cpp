#include "app/ticket_change.hpp"

#include <boost/json/serialize.hpp>

#include "store/ticket_events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
std::string refusal_message(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_sold: return "This ticket has not been sold";
    case ErrorCode::already_used: return "This ticket was already used";
    case ErrorCode::refunded: return "This ticket was refunded";
    case ErrorCode::void_ticket: return "This ticket is void";
    case ErrorCode::already_sold: return "This ticket is already sold";
    default: return "This ticket's state does not allow that";
  }
}
}  // namespace

void require_allowed(TicketStatus status, ticket_state::Action action) {
  const auto decided = ticket_state::apply(status, action);
  if (const auto* code = std::get_if<ErrorCode>(&decided)) throw Error(*code, refusal_message(*code));
}

void throw_refusal(store::Connection& c, Id ticket_id, ticket_state::Action action) {
  const auto t = store::tickets::find_by_id(c, ticket_id);
  if (!t) throw Error(ErrorCode::not_found, "No such ticket");
  require_allowed(t->ticket.status, action);
  // Allowed by status, yet the write changed nothing: a guard beyond the status (holder, code).
  throw Error(ErrorCode::conflict, "The ticket changed meanwhile; reload and try again");
}

void record_ticket_change(store::Connection& c, const Actor& actor, const TicketView& t, const TicketChange& ch,
                          Millis now) {
  TicketEvent e;
  e.ticket_id = t.ticket.id;
  e.event_id = t.ticket.event_id;
  e.action = ch.action;
  e.actor_id = actor.id;
  e.actor = actor.name;
  e.at = now;
  e.from_holder = ch.from_holder;
  e.to_holder = ch.to_holder;
  e.old_code_id = ch.old_code_id;
  e.new_code_id = ch.new_code_id;
  e.details_json = boost::json::serialize(ch.details);
  store::ticket_events::insert(c, e);

  AuditRecord rec{ch.audit_action.value_or("ticket." + ch.action), "ticket", t.ticket.serial, t.ticket.event_id, ch.details};
  if (ch.from_holder) rec.details["from"] = *ch.from_holder;
  if (ch.to_holder) rec.details["to"] = *ch.to_holder;
  record_audit(c, actor, rec, now);
}

std::string holder_label(const TicketView& t) {
  if (t.holder_username) return *t.holder_username;
  if (t.holder_name.empty() && t.holder_email.empty()) return "";
  return t.holder_name + " <" + t.holder_email + ">";
}

TicketView ticket_or_404(store::Connection& c, const std::string& serial) {
  auto t = serial.size() <= 40 ? store::tickets::find_by_serial(c, serial) : std::nullopt;
  if (!t) throw Error(ErrorCode::not_found, "No ticket with this serial");
  return *t;
}

}  // namespace gatepass::app
