#pragma once
// The ticket's life, decided in one table (docs/box-office.md shows it). Every change of a
// ticket (admission at the gate, sale, void, refund, transfer, claim) asks this table whether it
// is allowed and which status it leads to; the store turns the same table into one conditional
// write (`UPDATE … WHERE status IN (states_allowing(action))`), so the row count decides races.
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "domain/error.hpp"
#include "domain/model.hpp"

namespace gatepass::ticket_state {

enum class Action {
  admit,           // the gate: valid -> used
  sell,            // box office: created -> valid
  void_ticket,     // admin: -> void
  refund,          // a refund approved: valid -> refunded
  request_refund,  // a holder asks for one (no change yet)
  transfer,        // the ticket moves to another holder with a new code (status unchanged)
  claim,           // a holder attaches a ticket to their account (status unchanged)
};
inline constexpr Action kAllActions[] = {Action::admit,  Action::sell,           Action::void_ticket, Action::refund,
                                         Action::request_refund, Action::transfer, Action::claim};
inline constexpr TicketStatus kAllStates[] = {TicketStatus::created, TicketStatus::valid, TicketStatus::used,
                                              TicketStatus::refunded, TicketStatus::void_};
std::string_view to_string(Action a);

// The status `action` leads to from `from`, or the error code a refusal answers with.
std::variant<TicketStatus, ErrorCode> apply(TicketStatus from, Action action);

// Why a ticket in `status` is not admitted (not_sold, already_used, refunded, void); nullopt for valid.
std::optional<ErrorCode> gate_refusal(TicketStatus status);

// The states from which `action` is allowed, for the conditional write's WHERE clause.
std::vector<TicketStatus> states_allowing(Action action);

// "'valid','used'": the same list as SQL text (statuses are our own constants, never input).
std::string sql_status_list(Action action);

}  // namespace gatepass::ticket_state
