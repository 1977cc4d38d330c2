// A holder's refund request and transfer offer racing each other (and a transfer being accepted),
// on both backends. Each request checks the other table before it writes its own row; on
// PostgreSQL two transactions can each read "nothing pending" and both insert, leaving a ticket
// with a pending refund *and* a pending transfer: accepted and then refunded, the sender is paid
// back for a ticket the recipient now holds (and cannot use).
#include "app/holders.hpp"
#include "app/refunds.hpp"
#include "app/transfers.hpp"
#include "domain/error.hpp"
#include "store/requests_repo.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"
#include "support/app_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class HolderRequestRaces : public AppFixture {
 protected:
  void tune_config(app::Config& config) override {
    config.claim_cooling_off_ms = 0;         // a claimed ticket can be sent on at once
    config.transfer_offers_per_day = 1000;   // 40 rounds of offers from one sender
  }

  app::Principal verified_holder(const std::string& username) {
    const auto email = username + "@example.com";
    const auto user = app::register_attendee(*ctx, {username, username + "-password-123", email, username, {}, {}}).user;
    ctx->db.write([&](store::Connection& c) { EXPECT_EQ(store::users::mark_email_verified(c, user.id, email, ctx->now()), 1); });
    return {user.id, user.username, Role::attendee};
  }

  // A new ticket of `event` in `holder`'s account (claimed with its claim code).
  std::string held_ticket(Id event, const app::Principal& holder) {
    const auto t = approved_ticket(event);
    app::claim_ticket(*ctx, holder, app::claim_code_of(*ctx, t), std::nullopt);
    return t.ticket.serial;
  }

  Id ticket_id(const std::string& serial) {
    std::optional<Id> id;
    ctx->db.read([&](store::Connection& c) { id = store::tickets::find_by_serial(c, serial)->ticket.id; });
    return *id;
  }
};

// Asked at the same moment: one of them is made, the other is told the first is pending.
TEST_P(HolderRequestRaces, RefundRequestAndTransferOfferAtOnceLeaveOnlyOnePending) {
  const auto event = make_event();
  const auto sam = verified_holder("sam");
  verified_holder("leo");
  {  // Unraced, each goes through on its own ticket: a refusal below is the race, not the set-up.
    app::request_refund(*ctx, sam, {held_ticket(event.id, sam), "cannot come", std::nullopt, std::nullopt});
    app::create_transfer(*ctx, sam, {held_ticket(event.id, sam), "leo", std::nullopt, std::nullopt});
  }
  for (int round = 0; round < 40; ++round) {
    const auto serial = held_ticket(event.id, sam);
    std::atomic<int> made{0};
    std::string refused;
    race(2, [&](int i) {
      try {
        if (i == 0) app::request_refund(*ctx, sam, {serial, "cannot come", std::nullopt, std::nullopt});
        else app::create_transfer(*ctx, sam, {serial, "leo", std::nullopt, std::nullopt});
        ++made;
      } catch (const Error& e) {
        EXPECT_TRUE(e.code() == ErrorCode::refund_open || e.code() == ErrorCode::transfer_open)
            << "round " << round << ": " << e.what();
        refused = e.what();
      }
    });
    EXPECT_EQ(made, 1) << "round " << round << (made == 2 ? ": a refund and a transfer both pending" : ": " + refused);
    const auto id = ticket_id(serial);
    bool refund = false, transfer = false;
    ctx->db.read([&](store::Connection& c) {
      refund = store::refunds::pending_for(c, id);
      transfer = store::transfers::pending_for(c, id);
    });
    EXPECT_NE(refund, transfer) << "round " << round << ": refund pending " << refund << ", transfer pending " << transfer;
  }
}

// The recipient accepts while the sender asks for a refund: the ticket is either still the
// sender's with the transfer pending (the refund is refused) or already the recipient's (the sender
// holds nothing to refund). Never both a new holder and the old holder's refund request.
TEST_P(HolderRequestRaces, SenderAskingForARefundWhileTheTransferIsAcceptedGetsNoRefundRequest) {
  const auto event = make_event();
  const auto sam = verified_holder("sam");
  const auto leo = verified_holder("leo");
  for (int round = 0; round < 40; ++round) {
    const auto serial = held_ticket(event.id, sam);
    const auto offer = app::create_transfer(*ctx, sam, {serial, "leo", std::nullopt, std::nullopt});
    std::atomic<int> accepted{0}, refund_made{0};
    race(2, [&](int i) {
      try {
        if (i == 0) {
          app::accept_transfer(*ctx, leo, offer.id);
          ++accepted;
        } else {
          app::request_refund(*ctx, sam, {serial, "cannot come", std::nullopt, std::nullopt});
          ++refund_made;
        }
      } catch (const Error& e) {
        // The refund's only ways to lose: the transfer is pending, or the ticket is no longer Sam's.
        EXPECT_TRUE(i == 1 && (e.code() == ErrorCode::transfer_open || e.code() == ErrorCode::not_found))
            << "round " << round << ", " << (i == 0 ? "accept" : "refund") << ": " << e.what();
      }
    });
    EXPECT_EQ(accepted, 1) << "round " << round;
    EXPECT_EQ(refund_made, 0) << "round " << round << ": Sam has a pending refund of the ticket Leo now holds";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, HolderRequestRaces, ::testing::ValuesIn(backends()), backend_name);
