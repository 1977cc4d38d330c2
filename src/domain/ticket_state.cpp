#include "domain/ticket_state.hpp"

namespace gatepass::ticket_state {

std::string_view to_string(Action a) {
  switch (a) {
    case Action::admit: return "admit";
    case Action::sell: return "sell";
    case Action::void_ticket: return "void";
    case Action::refund: return "refund";
    case Action::request_refund: return "request_refund";
    case Action::transfer: return "transfer";
    case Action::claim: return "claim";
  }
  return "admit";
}

namespace {
// The refusal that names a state: what the gate (and every other action) answers for it.
ErrorCode refusal_for(TicketStatus s) {
  switch (s) {
    case TicketStatus::created: return ErrorCode::not_sold;
    case TicketStatus::used: return ErrorCode::already_used;
    case TicketStatus::refunded: return ErrorCode::refunded;
    case TicketStatus::void_: return ErrorCode::void_ticket;
    case TicketStatus::valid: break;
  }
  return ErrorCode::conflict;
}
}  // namespace

std::variant<TicketStatus, ErrorCode> apply(TicketStatus from, Action action) {
  using S = TicketStatus;
  // Refunded and void end a ticket: nothing more happens to it.
  if (from == S::refunded || from == S::void_) return refusal_for(from);
  switch (action) {
    case Action::admit:
      if (from == S::valid) return S::used;  // exactly one admission
      return refusal_for(from);
    case Action::sell:
      if (from == S::created) return S::valid;
      return ErrorCode::already_sold;
    case Action::void_ticket:
      // An organiser may void an unsold ticket (a lost printed sheet) or a used one (someone
      // removed from the venue must not re-enter).
      return S::void_;
    case Action::refund:
    case Action::request_refund:
    case Action::transfer:
    case Action::claim:
      // Only a sold ticket nobody has used yet can be refunded, handed on or claimed.
      if (from == S::valid) return action == Action::refund ? S::refunded : S::valid;
      return refusal_for(from);
  }
  return ErrorCode::conflict;
}

std::optional<ErrorCode> gate_refusal(TicketStatus status) {
  const auto decided = apply(status, Action::admit);
  if (const auto* e = std::get_if<ErrorCode>(&decided)) return *e;
  return std::nullopt;
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
