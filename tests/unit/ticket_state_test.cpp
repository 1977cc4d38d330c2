// The ticket state table, exhaustively: every state × every action has exactly one answer.
#include <gtest/gtest.h>

#include <map>

#include "domain/ticket_state.hpp"

using namespace gatepass;
using ticket_state::Action;
using S = TicketStatus;

namespace {
using Answer = std::variant<TicketStatus, ErrorCode>;
// Written out by hand from docs/box-office.md (not derived from the code under test).
const std::map<std::pair<S, Action>, Answer> kExpected = {
    {{S::created, Action::admit}, ErrorCode::not_sold},
    {{S::created, Action::sell}, S::valid},
    {{S::created, Action::void_ticket}, S::void_},
    {{S::created, Action::refund}, ErrorCode::not_sold},
    {{S::created, Action::request_refund}, ErrorCode::not_sold},
    {{S::created, Action::transfer}, ErrorCode::not_sold},
    {{S::created, Action::claim}, ErrorCode::not_sold},
    {{S::valid, Action::admit}, S::used},
    {{S::valid, Action::sell}, ErrorCode::already_sold},
    {{S::valid, Action::void_ticket}, S::void_},
    {{S::valid, Action::refund}, S::refunded},
    {{S::valid, Action::request_refund}, S::valid},
    {{S::valid, Action::transfer}, S::valid},
    {{S::valid, Action::claim}, S::valid},
    {{S::used, Action::admit}, ErrorCode::already_used},
    {{S::used, Action::sell}, ErrorCode::already_sold},
    {{S::used, Action::void_ticket}, S::void_},
    {{S::used, Action::refund}, ErrorCode::already_used},
    {{S::used, Action::request_refund}, ErrorCode::already_used},
    {{S::used, Action::transfer}, ErrorCode::already_used},
    {{S::used, Action::claim}, ErrorCode::already_used},
    {{S::refunded, Action::admit}, ErrorCode::refunded},
    {{S::refunded, Action::sell}, ErrorCode::refunded},
    {{S::refunded, Action::void_ticket}, ErrorCode::refunded},
    {{S::refunded, Action::refund}, ErrorCode::refunded},
    {{S::refunded, Action::request_refund}, ErrorCode::refunded},
    {{S::refunded, Action::transfer}, ErrorCode::refunded},
    {{S::refunded, Action::claim}, ErrorCode::refunded},
    {{S::void_, Action::admit}, ErrorCode::void_ticket},
    {{S::void_, Action::sell}, ErrorCode::void_ticket},
    {{S::void_, Action::void_ticket}, ErrorCode::void_ticket},
    {{S::void_, Action::refund}, ErrorCode::void_ticket},
    {{S::void_, Action::request_refund}, ErrorCode::void_ticket},
    {{S::void_, Action::transfer}, ErrorCode::void_ticket},
    {{S::void_, Action::claim}, ErrorCode::void_ticket},
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
  EXPECT_EQ(ticket_state::sql_status_list(Action::void_ticket), "'created','valid','used'");
  EXPECT_EQ(ticket_state::sql_status_list(Action::sell), "'created'");
  EXPECT_EQ(ticket_state::sql_status_list(Action::transfer), "'valid'");
  EXPECT_EQ(ticket_state::sql_status_list(Action::refund), "'valid'");
  for (auto a : ticket_state::kAllActions)
    for (auto s : ticket_state::states_allowing(a))
      EXPECT_TRUE(std::holds_alternative<TicketStatus>(ticket_state::apply(s, a)));
}

TEST(TicketState, TheGateNamesEveryRefusedState) {
  EXPECT_EQ(ticket_state::gate_refusal(S::valid), std::nullopt);
  EXPECT_EQ(ticket_state::gate_refusal(S::created), ErrorCode::not_sold);
  EXPECT_EQ(ticket_state::gate_refusal(S::used), ErrorCode::already_used);
  EXPECT_EQ(ticket_state::gate_refusal(S::refunded), ErrorCode::refunded);
  EXPECT_EQ(ticket_state::gate_refusal(S::void_), ErrorCode::void_ticket);
  EXPECT_EQ(to_string(ErrorCode::void_ticket), "void");
}
