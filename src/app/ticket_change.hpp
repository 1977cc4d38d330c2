#pragma once
// What every change of a ticket does besides its one conditional write: explain a refusal with
// the state table's code, and leave both an audit row and a history row (ticket_events) in the
// same transaction.
#include "app/audit.hpp"
#include "app/context.hpp"
#include "domain/box_office.hpp"
#include "domain/ticket_state.hpp"

namespace gatepass::app {

// After a conditional write changed nothing: throws the state table's error for the ticket's
// state as it is now (read again: another request may have changed it meanwhile).
[[noreturn]] void throw_refusal(store::Connection& c, Id ticket_id, ticket_state::Action action);
// The same, decided from a status already known (before any write).
void require_allowed(TicketStatus status, ticket_state::Action action);

struct TicketChange {
  std::string action;  // history name: sold, claimed, transferred, refunded, voided, admitted, …
  std::optional<std::string> from_holder;
  std::optional<std::string> to_holder;
  std::optional<std::int64_t> old_code_id;
  std::optional<std::int64_t> new_code_id;
  boost::json::object details;
  std::optional<std::string> audit_action;  // default "ticket.<action>"
};
void record_ticket_change(store::Connection& c, const Actor& actor, const TicketView& t, const TicketChange& change,
                          Millis now);

// How a holder is named in the history: "username" for accounts, else "Name <email>".
std::string holder_label(const TicketView& t);

// A ticket by serial inside a transaction; not_found otherwise (also for absurdly long input).
TicketView ticket_or_404(store::Connection& c, const std::string& serial);

}  // namespace gatepass::app
