// Racing writers on both backends: the guarantees the gate depends on.
#include <set>

#include "app/audit.hpp"
#include "app/checkin.hpp"
#include "app/holders.hpp"
#include "app/offline_sync.hpp"
#include "app/registrations.hpp"
#include "domain/error.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"
#include "support/app_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class Races : public AppFixture {};


TEST_P(Races, FiftyConcurrentCheckInsAdmitExactlyOnce) {
  const auto event = make_event();
  constexpr int kTickets = 10, kScanners = 50;
  for (int round = 0; round < kTickets; ++round) {
    const auto ticket = approved_ticket(event.id);
    std::atomic<int> admitted{0}, duplicate{0}, other{0};
    std::vector<std::optional<Millis>> used_at(kScanners);
    race(kScanners, [&](int i) {
      try {
        // Half scan the QR payload, half type the serial: both paths hit the same conditional write.
        const auto& code = i % 2 ? ticket.ticket.qr_payload : ticket.ticket.serial;
        const auto r = app::check_in_ticket(*ctx, admin, code, std::nullopt);
        if (r.outcome == app::CheckInOutcome::admitted) ++admitted;
        else if (r.outcome == app::CheckInOutcome::already_used) ++duplicate;
        else ++other;
        used_at[i] = r.ticket->ticket.used_at;
      } catch (const std::exception& e) {
        ++other;
        ADD_FAILURE() << e.what();
      }
    });
    EXPECT_EQ(admitted, 1) << "round " << round;
    EXPECT_EQ(duplicate, kScanners - 1);
    EXPECT_EQ(other, 0);
    // Everybody reports the same, first check-in time.
    for (const auto& t : used_at) EXPECT_EQ(t, used_at[0]);
  }
  // One admitted + 49 duplicates audited per ticket.
  const auto admitted_logs = app::list_audit(*ctx, {"checkin.admitted", std::nullopt}, {1, 0});
  const auto duplicate_logs = app::list_audit(*ctx, {"checkin.duplicate", std::nullopt}, {1, 0});
  EXPECT_EQ(admitted_logs.total, kTickets);
  EXPECT_EQ(duplicate_logs.total, kTickets * (kScanners - 1));
}

TEST_P(Races, TwentyConcurrentApprovalsIssueOneTicket) {
  const auto event = make_event();
  for (int round = 0; round < 3; ++round) {
    const auto reg = register_person(event.id);
    std::vector<std::string> serials(20);
    std::atomic<int> newly{0}, failures{0};
    race(20, [&](int i) {
      try {
        const auto r = app::approve_registration(*ctx, admin, reg.id);
        serials[i] = r.ticket.ticket.serial;
        if (r.newly_issued) ++newly;
      } catch (const std::exception& e) {
        ++failures;
        ADD_FAILURE() << e.what();
      }
    });
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(newly, 1);
    for (const auto& s : serials) EXPECT_EQ(s, serials[0]);
  }
  const auto issued = app::list_audit(*ctx, {"ticket.issue", std::nullopt}, {1, 0});
  EXPECT_EQ(issued.total, 3);
}

TEST_P(Races, CapacityIsNeverExceededUnderConcurrentApprovals) {
  const auto event = make_event(10);
  std::vector<Id> regs;
  for (int i = 0; i < 30; ++i) regs.push_back(register_person(event.id, "P" + std::to_string(i)).id);
  std::atomic<int> approved{0}, full{0};
  race(30, [&](int i) {
    try {
      app::approve_registration(*ctx, admin, regs[i]);
      ++approved;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::conflict) << e.what();
      ++full;
    }
  });
  EXPECT_EQ(approved, 10);
  EXPECT_EQ(full, 20);
  // Serials are dense and unique: 000001 … 000010.
  std::set<std::string> serials;
  for (Id id : regs) {
    std::optional<TicketView> t;
    ctx->db.read([&](store::Connection& c) { t = store::tickets::find_by_registration(c, id); });
    if (t) serials.insert(t->ticket.serial);
  }
  EXPECT_EQ(serials.size(), 10u);
  EXPECT_TRUE(serials.contains(event.serial_prefix + "-000010"));
}

TEST_P(Races, DuplicateApprovalsAtTheCapacityDoNotLeavePlacesUnsold) {
  // Each registration approved by 4 racing admins: the duplicates take a number and give it back
  // (app/ticket_numbers.hpp). Near the capacity the others must wait for those numbers rather
  // than answer "full" while a place is coming free.
  const auto event = make_event(5);
  std::vector<Id> regs;
  for (int i = 0; i < 8; ++i) regs.push_back(register_person(event.id, "Q" + std::to_string(i)).id);
  std::atomic<int> full{0};
  race(32, [&](int i) {
    try {
      app::approve_registration(*ctx, admin, regs[static_cast<std::size_t>(i % 8)]);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::conflict) << e.what();
      ++full;
    }
  });
  std::set<std::string> serials;
  for (Id id : regs) {
    std::optional<TicketView> t;
    ctx->db.read([&](store::Connection& c) { t = store::tickets::find_by_registration(c, id); });
    if (t) serials.insert(t->ticket.serial);
  }
  EXPECT_EQ(serials.size(), 5u) << "every place sold";
  EXPECT_EQ(full, 3 * 4) << "only the 3 registrations without a place are refused (4 attempts each)";
  for (int n = 1; n <= 5; ++n) EXPECT_TRUE(serials.contains(event.serial_prefix + "-00000" + std::to_string(n))) << n;
  EXPECT_EQ(ctx->numbers.spare(event.id), 0u);
}

TEST_P(Races, ApprovalsWithoutCapacityTakeNumbersInBlocksAndStayInOrder) {
  const auto event = make_event();
  std::vector<std::string> serials;
  for (int i = 0; i < 3; ++i) serials.push_back(approved_ticket(event.id).ticket.serial);
  EXPECT_EQ(serials, (std::vector<std::string>{event.serial_prefix + "-000001", event.serial_prefix + "-000002",
                                               event.serial_prefix + "-000003"}));
  if (app::TicketNumbers::reserves_ahead(ctx->db))  // PostgreSQL: one block of 16 for the first approval, 13 left
    EXPECT_EQ(ctx->numbers.spare(event.id), static_cast<std::size_t>(app::TicketNumbers::kMaxBlock - 3));
  else  // SQLite: the first takes its number in its transaction, then a block of 256 comes in hand: 254 left
    EXPECT_EQ(ctx->numbers.spare(event.id), static_cast<std::size_t>(app::TicketNumbers::kSqliteBlock - 2));
}

// A check-in and a transfer of the same ticket at once (the transfer replaces the QR code): the
// old code admits only if the transfer then fails; never both. On SQLite the scan reads the ticket
// before its transaction, so the move itself must check that the code is still the ticket's.
TEST_P(Races, CheckInRacingACodeReplacementNeverAdmitsTheOldCode) {
  const auto event = make_event();
  for (int round = 0; round < 40; ++round) {
    const auto ticket = approved_ticket(event.id);
    std::atomic<int> admitted{0}, replaced{0};
    race(2, [&](int i) {
      if (i == 0) {
        if (app::check_in_ticket(*ctx, admin, ticket.ticket.qr_payload, std::nullopt).outcome == app::CheckInOutcome::admitted)
          ++admitted;
      } else {
        ctx->db.write([&](store::Connection& c) {
          replaced += static_cast<int>(store::tickets::replace_code(c, ticket.ticket.id, ticket.ticket.code_id,
                                                                    "GP1:REPLACED" + std::to_string(round)));
        });
      }
    });
    EXPECT_EQ(admitted + replaced, 1) << "round " << round << ": admitted " << admitted << ", replaced " << replaced;
  }
}

// The same race for an offline gate's upload: a code the transfer replaced is a conflict
// (superseded), never an admission of the ticket the new holder now carries.
TEST_P(Races, OfflineUploadRacingACodeReplacementNeverAdmitsTheOldCode) {
  const auto event = make_event();
  for (int round = 0; round < 40; ++round) {
    const auto ticket = approved_ticket(event.id);
    std::atomic<int> admitted{0}, replaced{0};
    std::string outcome;
    race(2, [&](int i) {
      if (i == 0) {
        app::OfflineUpload upload;
        upload.device_id = "race-phone";
        upload.scans.push_back({ticket.ticket.qr_payload, "race-nonce-" + std::to_string(round), ctx->now(), std::nullopt, "entry"});
        const auto answer = app::sync_offline_scans(*ctx, admin, upload);
        outcome = answer.results.at(0).outcome + "/" + answer.results.at(0).reason.value_or("");
        if (answer.results.at(0).outcome == "admitted") ++admitted;
      } else {
        ctx->db.write([&](store::Connection& c) {
          replaced += static_cast<int>(store::tickets::replace_code(c, ticket.ticket.id, ticket.ticket.code_id,
                                                                    "GP1:REPLACED" + std::to_string(round)));
        });
      }
    });
    EXPECT_EQ(admitted + replaced, 1) << "round " << round << ": upload " << outcome << ", replaced " << replaced;
    if (replaced) EXPECT_EQ(outcome, "conflict/superseded") << "round " << round;
  }
}

// A claim (with the claim code printed beside the QR) and a transfer of the same ticket at once:
// the claim code belongs to the code the transfer replaces, so the transferred ticket never ends
// up on the claimer's account. (Claimed first and then transferred is a legitimate order: the
// transfer then names the new holder; transferred first, the claim is refused.)
TEST_P(Races, ClaimRacingATransferNeverTakesTheTransferredTicket) {
  const auto event = make_event();
  const auto account = app::register_attendee(*ctx, {"claimer", "claimer-password-123", "claimer@example.com", "Claire", {}, {}}).user;
  ctx->db.write([&](store::Connection& c) {
    ASSERT_EQ(store::users::mark_email_verified(c, account.id, "claimer@example.com", ctx->now()), 1);
  });
  const app::Principal claimer{account.id, account.username, Role::attendee};
  {  // Unraced, the claim goes through: a refusal in the rounds below is the race, not the set-up.
    const auto alone = approved_ticket(event.id);
    EXPECT_EQ(app::claim_ticket(*ctx, claimer, app::claim_code_of(*ctx, alone), std::nullopt).ticket.holder_user_id,
              std::optional<Id>(account.id));
  }
  for (int round = 0; round < 40; ++round) {
    const auto ticket = approved_ticket(event.id);
    const auto claim_code = app::claim_code_of(*ctx, ticket);
    std::atomic<int> claimed{0}, replaced{0};
    race(2, [&](int i) {
      if (i == 0) {
        try {
          app::claim_ticket(*ctx, claimer, claim_code, std::nullopt);
          ++claimed;
        } catch (const Error& e) {
          // The only way to lose: the transfer replaced the code the claim code belongs to.
          EXPECT_EQ(e.code(), ErrorCode::invalid_ticket) << "round " << round << ": " << e.what();
        }
      } else {
        ctx->db.write([&](store::Connection& c) {
          replaced += static_cast<int>(store::tickets::replace_holder_and_code(
              c, ticket.ticket.id, ticket.ticket.code_id, {"New Holder", "new-holder@example.com", std::nullopt},
              "GP1:TRANSFERRED" + std::to_string(round)));
        });
      }
    });
    std::optional<TicketView> now;
    ctx->db.read([&](store::Connection& c) { now = store::tickets::find_by_id(c, ticket.ticket.id); });
    ASSERT_TRUE(now);
    // The claim changes neither the code nor the state, so the transfer always goes through, and
    // whichever came first, the ticket ends with the new holder.
    EXPECT_EQ(replaced, 1) << "round " << round;
    EXPECT_EQ(now->holder_name, "New Holder") << "round " << round << ", claimed " << claimed;
    EXPECT_FALSE(now->ticket.holder_user_id.has_value()) << "round " << round << ", claimed " << claimed;
  }
}

// The move that a scan read before its transaction makes only with the code it read.
TEST_P(Races, GateMoveWithAStaleCodeMovesNothing) {
  const auto event = make_event();
  const auto ticket = approved_ticket(event.id);
  ctx->db.write([&](store::Connection& c) {
    ASSERT_EQ(store::tickets::replace_code(c, ticket.ticket.id, ticket.ticket.code_id, "GP1:NEW"), 1);
    EXPECT_EQ(store::tickets::move_through_gate(c, ticket.ticket.id, gate_scan::ScanType::entry, false, ctx->now(),
                                                admin.user_id, std::nullopt, ticket.ticket.code_id),
              0);
    EXPECT_EQ(store::tickets::move_through_gate(c, ticket.ticket.id, gate_scan::ScanType::entry, false, ctx->now(),
                                                admin.user_id, std::nullopt, ticket.ticket.code_id + 1),
              1);
  });
}

TEST_P(Races, RetriedCheckInWithTheSameKeyReplaysTheFirstAnswer) {
  const auto event = make_event();
  const auto ticket = approved_ticket(event.id);
  std::atomic<int> admitted{0};
  race(16, [&](int) {
    const auto r = app::check_in_ticket(*ctx, admin, ticket.ticket.qr_payload, std::string("scan-abc"));
    if (r.outcome == app::CheckInOutcome::admitted) ++admitted;
  });
  EXPECT_EQ(admitted, 16);  // the same request retried 16 times: all see "admitted"
  const auto other = app::check_in_ticket(*ctx, admin, ticket.ticket.qr_payload, std::string("scan-other"));
  EXPECT_EQ(other.outcome, app::CheckInOutcome::already_used);
  EXPECT_THROW(app::check_in_ticket(*ctx, admin, "EVT-OTHER-1", std::string("scan-abc")), Error);
}

TEST_P(Races, TwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin) {
  for (int round = 0; round < 5; ++round) {
    const auto a = app::create_user(*ctx, admin, {"admin_a" + std::to_string(round), "password-123456", "admin", std::nullopt});
    const auto b = app::create_user(*ctx, admin, {"admin_b" + std::to_string(round), "password-123456", "admin", std::nullopt});
    app::UserChanges deactivate;
    deactivate.active = false;
    // Leave exactly a and b as active admins, then let each deactivate the other at the same time.
    for (const auto& u : app::list_users(*ctx, {200, 0}).items)
      if (u.role == Role::admin && u.active && u.id != a.id && u.id != b.id) app::update_user(*ctx, admin, u.id, deactivate);
    std::atomic<int> done{0}, refused{0};
    race(2, [&](int i) {
      const app::Principal by{i ? a.id : b.id, i ? a.username : b.username, Role::admin};
      try {
        app::update_user(*ctx, by, i ? b.id : a.id, deactivate);
        ++done;
      } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::conflict) << e.what();
        ++refused;
      }
    });
    EXPECT_EQ(done, 1) << "round " << round;
    EXPECT_EQ(refused, 1);
    std::optional<std::int64_t> admins;
    ctx->db.read([&](store::Connection& c) { admins = store::users::count_active_admins(c); });
    EXPECT_EQ(admins, 1);
    // Reactivate the fixture's admin for the next round.
    app::UserChanges activate;
    activate.active = true;
    app::update_user(*ctx, admin, admin.user_id, activate);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, Races, ::testing::ValuesIn(backends()), backend_name);
