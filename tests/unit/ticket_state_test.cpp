// The ticket state table, exhaustively: every state × every action has exactly one answer.
#include <gtest/gtest.h>

#include <map>

#include "domain/ticket_state.hpp"

using namespace gatepass;
using ticket_state::Action;
using S = TicketStatus;

namespace {
using Answer = std::variant<TicketStatus, ErrorCode>;
// Written out by hand from the rules (not derived from the code under test).
const std::map<std::pair<S, Action>, Answer> kExpected = {
    {{S::valid, Action::admit}, S::used},
    {{S::used, Action::admit}, ErrorCode::already_used},
    {{S::refunded, Action::admit}, ErrorCode::ticket_not_valid},
    {{S::void_, Action::admit}, ErrorCode::ticket_not_valid},
    {{S::transferred, Action::admit}, ErrorCode::ticket_not_valid},
    {{S::valid, Action::void_ticket}, S::void_},
    {{S::used, Action::void_ticket}, S::void_},
    {{S::refunded, Action::void_ticket}, ErrorCode::ticket_not_valid},
    {{S::void_, Action::void_ticket}, ErrorCode::ticket_not_valid},
    {{S::transferred, Action::void_ticket}, ErrorCode::ticket_not_valid},
};
}  // namespace

TEST(TicketState, EveryStateAndActionHasTheExpectedAnswer) {
  std::size_t checked = 0;
  for (auto s : ticket_state::kAllStates)
    for (auto a : ticket_state::kAllActions) {
      const auto it = kExpected.find({s, a});
      ASSERT_NE(it, kExpected.end()) << "no expectation for " << to_string(s) << " × " << ticket_state::to_string(a);
      EXPECT_EQ(ticket_state::apply(s, a), it->second) << to_string(s) << " × " << ticket_state::to_string(a);
      ++checked;
    }
  EXPECT_EQ(checked, kExpected.size()) << "the table covers states or actions the test does not know";
}

TEST(TicketState, TheConditionalWritesUseTheSameTable) {
  EXPECT_EQ(ticket_state::sql_status_list(Action::admit), "'valid'");
  EXPECT_EQ(ticket_state::sql_status_list(Action::void_ticket), "'valid','used'");
  for (auto a : ticket_state::kAllActions)
    for (auto s : ticket_state::states_allowing(a))
      EXPECT_TRUE(std::holds_alternative<TicketStatus>(ticket_state::apply(s, a)));
}
