#pragma once
// The ticket's life, decided in one table. Every change of a ticket's status (admission at the
// gate, void by an admin, and later refund and transfer) asks this table whether it is allowed
// and which status it leads to; the store turns the same table into one conditional write
// (`UPDATE … WHERE status IN (states_allowing(action))`), so the row count decides races.
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "domain/error.hpp"
#include "domain/model.hpp"

namespace gatepass::ticket_state {

enum class Action { admit, void_ticket };
inline constexpr Action kAllActions[] = {Action::admit, Action::void_ticket};
inline constexpr TicketStatus kAllStates[] = {TicketStatus::valid, TicketStatus::used, TicketStatus::refunded,
                                              TicketStatus::void_, TicketStatus::transferred};
std::string_view to_string(Action a);

// The status `action` leads to from `from`, or the error code a refusal answers with
// (already_used for a second admission, ticket_not_valid for a void/refunded/transferred ticket).
std::variant<TicketStatus, ErrorCode> apply(TicketStatus from, Action action);

// The states from which `action` is allowed, for the conditional write's WHERE clause.
std::vector<TicketStatus> states_allowing(Action action);

// "'valid','used'": the same list as SQL text (statuses are our own constants, never input).
std::string sql_status_list(Action action);

}  // namespace gatepass::ticket_state
