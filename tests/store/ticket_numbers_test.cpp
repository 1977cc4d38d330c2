// Ticket numbers taken before the approval's transaction and QR codes signed there, off the
// SQLite writer (app/ticket_numbers.hpp, app/issue_ticket.hpp), on both backends.
#include <algorithm>
#include <set>

#include "app/checkin.hpp"
#include "app/issue_ticket.hpp"
#include "app/registrations.hpp"
#include "domain/error.hpp"
#include "domain/ticket_token.hpp"
#include "store/events_repo.hpp"
#include "store/registrations_repo.hpp"
#include "store/tickets_repo.hpp"
#include "support/app_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class TicketNumbersAhead : public AppFixture {
 protected:
  std::vector<std::int64_t> issued_numbers(Id event_id) {
    std::vector<std::int64_t> out;
    ctx->db.read([&](store::Connection& c) {
      for (const auto& row : c.query("SELECT number FROM tickets WHERE event_id = ? ORDER BY id", {event_id}).rows)
        out.push_back(row.integer(0));
    });
    return out;
  }
};

// Past the floor of exact places (kSqliteAheadFloor), numbers come from blocks in hand; the last
// places go one by one. Two admins approve every registration at once (the loser of each pair gives
// its number back): exactly the capacity is sold, every number once, and only the registrations
// without a place are refused.
TEST_P(TicketNumbersAhead, RacingApprovalsSellOutWithoutGapOrExtraTicket) {
  constexpr int kCapacity = static_cast<int>(app::TicketNumbers::kSqliteAheadFloor) + 76, kExtra = 24, kThreads = 8;
  const auto event = make_event(kCapacity);
  std::vector<Id> regs(kCapacity + kExtra);
  race(kThreads, [&](int t) {
    for (std::size_t i = static_cast<std::size_t>(t); i < regs.size(); i += kThreads)
      regs[i] = register_person(event.id, "P" + std::to_string(i)).id;
  });
  std::atomic<int> full{0}, other{0};
  race(kThreads, [&](int t) {
    constexpr int kPairs = kThreads / 2;
    for (std::size_t i = static_cast<std::size_t>(t % kPairs); i < regs.size(); i += kPairs) {
      try {
        app::approve_registration(*ctx, admin, regs[i]);
      } catch (const Error& e) {
        if (e.code() == ErrorCode::conflict) ++full;
        else ++other;
      }
    }
  });
  auto numbers = issued_numbers(event.id);
  std::sort(numbers.begin(), numbers.end());
  ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kCapacity));
  for (int n = 1; n <= kCapacity; ++n) ASSERT_EQ(numbers[static_cast<std::size_t>(n - 1)], n) << "number " << n;
  EXPECT_EQ(full, 2 * kExtra);
  EXPECT_EQ(other, 0);
  EXPECT_EQ(ctx->numbers.spare(event.id), 0u);
}

// One admin after another: serials keep their order across blocks and refills.
TEST_P(TicketNumbersAhead, SerialsStayInOrderAcrossRefills) {
  const auto event = make_event();
  constexpr int kApprovals = static_cast<int>(app::TicketNumbers::kSqliteBlock) + 80;
  std::vector<std::int64_t> expected;
  for (int n = 1; n <= kApprovals; ++n) {
    approved_ticket(event.id);
    expected.push_back(n);
  }
  EXPECT_EQ(issued_numbers(event.id), expected);
}

// A code signed ahead is the ticket's only for the number and key it was signed for; any other
// ticket gets a code signed in the transaction. Every code admits its ticket.
TEST_P(TicketNumbersAhead, PresignedCodeIsUsedOnlyForItsNumberAndKey) {
  const auto event = make_event();
  std::optional<app::SigningKey> key;
  ctx->db.read_one([&](store::Connection& c) { key = ctx->keys.signing_key(c, event.id); });
  ASSERT_TRUE(key);
  auto other_key = *key;
  other_key.key_id += 1000;
  const std::vector<std::pair<app::PresignedCode, bool>> cases = {
      {app::presign_code(*key, event.id, 1), true},         // the number the transaction takes
      {app::presign_code(other_key, event.id, 2), false},   // another key than the active one
      {app::presign_code(*key, event.id, 99), false}};      // another number
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& [code, used] = cases[i];
    const auto reg = register_person(event.id);
    TicketView issued;
    ctx->db.write([&](store::Connection& c) {
      const auto approved = store::registrations::approve_pending(c, reg.id, admin.user_id, ctx->now());
      ASSERT_TRUE(approved);
      issued = app::issue_ticket(*ctx, c, *approved, app::Actor::of(admin), ctx->now(), std::nullopt, &code);
    });
    EXPECT_EQ(issued.ticket.number, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(issued.ticket.qr_payload == code.payload, used) << "case " << i;
    const auto claims = ticket_token::peek(issued.ticket.qr_payload);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->ticket_number, static_cast<std::uint64_t>(i + 1));
    EXPECT_EQ(app::check_in_ticket(*ctx, admin, issued.ticket.qr_payload, std::nullopt).outcome,
              app::CheckInOutcome::admitted)
        << "case " << i;
  }
}

// A clean stop gives the numbers held in hand back, when nothing was handed out after them: the
// next server continues without a gap. Behind a later reservation they stay a gap (never doubled).
TEST_P(TicketNumbersAhead, CleanStopGivesHeldNumbersBack) {
  const auto event = make_event();
  for (int i = 0; i < 3; ++i) approved_ticket(event.id);
  const auto held = ctx->numbers.spare(event.id);
  ASSERT_GT(held, 0u);
  EXPECT_EQ(ctx->numbers.return_unused(ctx->db), held);
  EXPECT_EQ(ctx->numbers.spare(event.id), 0u);
  approved_ticket(event.id);
  EXPECT_EQ(issued_numbers(event.id), (std::vector<std::int64_t>{1, 2, 3, 4}));

  // Numbers in hand, then a bulk reservation after them: they cannot go back.
  const auto spare = ctx->numbers.spare(event.id);
  ASSERT_GT(spare, 0u);
  std::optional<std::int64_t> bulk;
  ctx->db.write([&](store::Connection& c) { bulk = store::events::reserve_ticket_numbers(c, event.id, 10); });
  ASSERT_TRUE(bulk);
  EXPECT_EQ(ctx->numbers.return_unused(ctx->db), 0u);
  std::int64_t seq = 0;
  ctx->db.read([&](store::Connection& c) {
    seq = c.query("SELECT ticket_seq FROM events WHERE id = ?", {event.id}).rows.at(0).integer(0);
  });
  EXPECT_EQ(seq, *bulk + 9);
}

INSTANTIATE_TEST_SUITE_P(Backends, TicketNumbersAhead, ::testing::ValuesIn(backends()), backend_name);
