#include "domain/ticket_state.hpp"

namespace gatepass::ticket_state {

std::string_view to_string(Action a) {
  switch (a) {
    case Action::admit: return "admit";
    case Action::void_ticket: return "void";
  }
  return "admit";
}

std::variant<TicketStatus, ErrorCode> apply(TicketStatus from, Action action) {
  using S = TicketStatus;
  switch (action) {
    case Action::admit:
      // Exactly one admission per ticket; a voided, refunded or handed-on ticket never enters.
      if (from == S::valid) return S::used;
      if (from == S::used) return ErrorCode::already_used;
      return ErrorCode::ticket_not_valid;
    case Action::void_ticket:
      // An organiser may void a ticket before or after it was used (e.g. someone removed from the
      // venue must not re-enter); a refunded or transferred ticket is no longer this ticket to void.
      if (from == S::valid || from == S::used) return S::void_;
      return ErrorCode::ticket_not_valid;
  }
  return ErrorCode::ticket_not_valid;
}

std::vector<TicketStatus> states_allowing(Action action) {
  std::vector<TicketStatus> out;
  for (auto s : kAllStates)
    if (std::holds_alternative<TicketStatus>(apply(s, action))) out.push_back(s);
  return out;
}

std::string sql_status_list(Action action) {
  std::string out;
  for (auto s : states_allowing(action)) {
    if (!out.empty()) out += ',';
    out += '\'';
    out += gatepass::to_string(s);
    out += '\'';
  }
  return out;
}

}  // namespace gatepass::ticket_state
