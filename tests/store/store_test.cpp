// Behaviour of the store through the use cases, identical on both backends.
#include <stdexcept>

#include "app/audit.hpp"
#include "app/checkin.hpp"
#include "domain/error.hpp"
#include "store/migrations.hpp"
#include "store/outbox_repo.hpp"
#include "support/app_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class Store : public AppFixture {};

TEST_P(Store, MigrationsAreRecordedAndIdempotent) {
  EXPECT_EQ(store::migrate(*tdb->db), 0);
  EXPECT_GE(store::schema_version(*tdb->db), 1);
}

TEST_P(Store, TextIsStoredVerbatim) {
  const auto event = make_event();
  const std::string tricky = "Robert'); DROP TABLE registrations;-- 🎟 Ünïcödé \"q\" % _ \\";
  app::RegistrationInput in;
  in.event_id = event.id;
  in.name = tricky;
  in.email = "o'brien@example.com";
  in.team_name = "50% _off_";
  const auto reg = app::submit_registration(*ctx, in).registration;
  const auto page = app::list_registrations(*ctx, {std::nullopt, std::nullopt, std::string("DROP TABLE")}, {10, 0});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.items[0].registration.name, tricky);
  EXPECT_EQ(page.items[0].registration.email, "o'brien@example.com");
  // Search syntax is never passed through. PostgreSQL matches substrings with LIKE, whose
  // wildcards must be literal; SQLite's FTS5 matches word prefixes, where % and _ separate words.
  EXPECT_EQ(app::list_registrations(*ctx, {std::nullopt, std::nullopt, std::string("50%")}, {10, 0}).total, 1);
  const bool substrings = tdb->db->dialect() == store::Dialect::postgres;
  EXPECT_EQ(app::list_registrations(*ctx, {std::nullopt, std::nullopt, std::string("5_%")}, {10, 0}).total,
            substrings ? 0 : 1)
      << "PostgreSQL: '5_%' is not in the text; SQLite: the word prefix '5' starts '50'";
  EXPECT_EQ(app::list_registrations(*ctx, {std::nullopt, std::nullopt, std::string("x_f%")}, {10, 0}).total, 0)
      << "'_' is no wildcard (would match '_off_' as x?f) and 'x' starts no word";
  EXPECT_EQ(app::list_registrations(*ctx, {std::nullopt, std::nullopt, std::string("Ünïcödé")}, {10, 0}).total, 1)
      << "non-ASCII text is found as typed (SQLite lower() folds ASCII only)";
  (void)reg;
}

TEST_P(Store, ListsArePagedNewestFirstWithTotals) {
  const auto event = make_event();
  for (int i = 0; i < 7; ++i) register_person(event.id, "P" + std::to_string(i));
  const auto first = app::list_registrations(*ctx, {}, {3, 0});
  EXPECT_EQ(first.total, 7);
  ASSERT_EQ(first.items.size(), 3u);
  EXPECT_EQ(first.items[0].registration.name, "P6");
  const auto last = app::list_registrations(*ctx, {}, {3, 6});
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].registration.name, "P0");
  const auto pending = app::list_registrations(*ctx, {RegistrationStatus::approved, std::nullopt, std::nullopt}, {3, 0});
  EXPECT_EQ(pending.total, 0);
}

TEST_P(Store, DeclineAndApproveExcludeEachOther) {
  const auto event = make_event();
  const auto a = register_person(event.id);
  app::decline_registration(*ctx, admin, a.id, std::string("no payment"));
  try {
    app::approve_registration(*ctx, admin, a.id);
    FAIL() << "approved a declined registration";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  const auto b = register_person(event.id);
  app::approve_registration(*ctx, admin, b.id);
  try {
    app::decline_registration(*ctx, admin, b.id, std::nullopt);
    FAIL() << "declined an approved registration";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  try {
    app::approve_registration(*ctx, admin, 999999);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
  }
}

TEST_P(Store, EventsWithoutApprovalIssueAtOnce) {
  const auto event = make_event(std::nullopt, false);
  app::RegistrationInput in;
  in.event_id = event.id;
  in.name = "Walk In";
  in.email = "walk@example.com";
  const auto out = app::submit_registration(*ctx, in);
  EXPECT_EQ(out.registration.status, RegistrationStatus::approved);
  ASSERT_TRUE(out.ticket);
  EXPECT_EQ(app::verify_ticket(*ctx, admin, out.ticket->ticket.qr_payload).ticket.ticket.serial, out.ticket->ticket.serial);
}

TEST_P(Store, ForgedAndForeignCodesAreInvalidAndAudited) {
  const auto e1 = make_event();
  const auto e2 = make_event();
  const auto t1 = approved_ticket(e1.id);
  const auto t2 = approved_ticket(e2.id);
  // Splice: event 1's key id with event 2's claims cannot verify.
  std::vector<std::string> forged = {"GP1:AAAA", t1.ticket.qr_payload.substr(0, 60), "random text",
                                     "EVT1999-000001"};
  auto flipped = t1.ticket.qr_payload;
  flipped[flipped.size() - 3] = flipped[flipped.size() - 3] == 'A' ? 'B' : 'A';
  forged.push_back(flipped);
  for (const auto& code : forged) {
    EXPECT_THROW(app::verify_ticket(*ctx, admin, code), Error) << code;
    EXPECT_EQ(app::check_in_ticket(*ctx, admin, code, std::nullopt).outcome, app::CheckInOutcome::invalid) << code;
  }
  const auto logged = app::list_audit(*ctx, {"checkin.invalid", std::nullopt}, {1, 0});
  EXPECT_EQ(logged.total, static_cast<std::int64_t>(forged.size()));
  ctx->audit_queue.flush();  // verify audits rejections through the queue (off the request's path)
  const auto verify_logged = app::list_audit(*ctx, {"checkin.verify_invalid", std::nullopt}, {1, 0});
  EXPECT_EQ(verify_logged.total, static_cast<std::int64_t>(forged.size()));
  // The genuine ones still work.
  EXPECT_EQ(app::check_in_ticket(*ctx, admin, t2.ticket.qr_payload, std::nullopt).outcome, app::CheckInOutcome::admitted);
}

TEST_P(Store, ExpiredIdempotencyKeysArePrunedAndFreshOnesKept) {
  Millis now = 1'900'000'000'000;
  app::Context timed(*tdb->db, test_config(data_dir), [&] { return now; });
  const auto event = make_event();
  const auto old_ticket = approved_ticket(event.id);
  const auto new_ticket = approved_ticket(event.id);
  app::check_in_ticket(timed, admin, old_ticket.ticket.serial, std::string("old-key"));
  now += app::kIdempotencyRetentionMs + 1;
  app::check_in_ticket(timed, admin, new_ticket.ticket.serial, std::string("new-key"));
  EXPECT_EQ(app::prune_idempotency_keys(timed), 1);
  // The fresh key still replays; the pruned one is a new request now (and the ticket is used).
  EXPECT_TRUE(app::check_in_ticket(timed, admin, new_ticket.ticket.serial, std::string("new-key")).replayed);
  const auto again = app::check_in_ticket(timed, admin, old_ticket.ticket.serial, std::string("old-key"));
  EXPECT_FALSE(again.replayed);
  EXPECT_EQ(again.outcome, app::CheckInOutcome::already_used);
}

TEST_P(Store, TheLastAdminCannotBeLockedOut) {
  app::UserChanges demote;
  demote.role = "viewer";
  EXPECT_THROW(app::update_user(*ctx, admin, admin.user_id, demote), Error);
  const auto second = app::create_user(*ctx, admin, {"admin2", "another-password-1", "admin", std::nullopt});
  EXPECT_EQ(app::update_user(*ctx, admin, admin.user_id, demote).role, Role::viewer);
  EXPECT_THROW(app::create_user(*ctx, admin, {"admin2", "another-password-1", "viewer", std::nullopt}), Error);
  (void)second;
}

// A ticket issued by approving a registration has no type, no holder account yet and no sale: it
// is in none of those three indexes, which still serve every query that names a value (SQLite 023
// and 024, PostgreSQL 022 and 023: issue 20).
TEST_P(Store, TicketIndexesLeaveOutNullKeysAndStillServeTheQueriesThatNameOne) {
  struct PartialIndex {
    const char* index;
    const char* column;
    const char* query;
  };
  const PartialIndex indexes[] = {
      {"tickets_type_status", "ticket_type_id",
       "SELECT id FROM tickets WHERE ticket_type_id = 1 AND status = 'created' ORDER BY id LIMIT 5"},
      {"tickets_holder_user", "holder_user_id", "SELECT id FROM tickets WHERE holder_user_id = 1"},
      {"tickets_sale", "sale_id", "SELECT id FROM tickets WHERE event_id = 1 AND sale_id = 1"},
  };
  tdb->db->read([&](store::Connection& c) {
    for (const auto& [index, column, query] : indexes) {
      if (c.dialect() == store::Dialect::sqlite) {
        EXPECT_NE(c.query("SELECT sql FROM sqlite_schema WHERE name = ?", {std::string(index)}).rows.at(0).text(0).find(
                      std::string("WHERE ") + column + " IS NOT NULL"),
                  std::string::npos) << index;
        std::string plan;
        for (const auto& row : c.query("EXPLAIN QUERY PLAN " + std::string(query), {}).rows) plan += row.text(3) + "\n";
        EXPECT_NE(plan.find(index), std::string::npos) << plan;
      } else {
        EXPECT_NE(c.query("SELECT indexdef FROM pg_indexes WHERE indexname = ?", {std::string(index)}).rows.at(0).text(0).find(
                      std::string("WHERE (") + column + " IS NOT NULL)"),
                  std::string::npos) << index;
      }
    }
  });
}

// Indexes that no query read are gone (SQLite 026, PostgreSQL 024: every registration and every
// mailed ticket link wrote into one); a ticket's links are still found through the index that
// begins with the same column.
TEST_P(Store, IndexesNothingReadsAreGoneAndATicketsLinksAreStillFoundByIndex) {
  tdb->db->read([](store::Connection& c) {
    const bool sqlite = c.dialect() == store::Dialect::sqlite;
    const std::string exists = sqlite ? "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?"
                                      : "SELECT 1 FROM pg_indexes WHERE indexname = ?";
    for (const char* gone : {"registrations_email", "ticket_links_ticket"})
      EXPECT_TRUE(c.query(exists, {std::string(gone)}).rows.empty()) << gone;
    EXPECT_FALSE(c.query(exists, {std::string("registrations_email_key")}).rows.empty());
    EXPECT_FALSE(c.query(exists, {std::string("ticket_links_ticket_created")}).rows.empty());
    if (!sqlite) return;
    for (const char* query : {"SELECT COUNT(*) FROM ticket_links WHERE ticket_id = 1 AND created_at > 5",
                              "SELECT 1 FROM ticket_links WHERE ticket_id = 1 AND revoked_at IS NULL"}) {
      std::string plan;
      for (const auto& row : c.query("EXPLAIN QUERY PLAN " + std::string(query), {}).rows) plan += row.text(3) + "\n";
      EXPECT_NE(plan.find("ticket_links_ticket_created"), std::string::npos) << query << "\n" << plan;
    }
  });
}

// Only two kinds of mail are counted per address (sqlite/027, postgres/026): each has a partial
// index of its own, the other mails (every registration's and approval's) are in neither.
TEST_P(Store, MailsAreCountedPerAddressOnlyForTheKindsThatAreCountedAndThroughTheirIndexes) {
  tdb->db->write([](store::Connection& c) {
    const auto mail = [&](const char* kind, const char* to, Millis at) {
      store::outbox::Message m;
      m.kind = kind, m.to_email = to, m.vars_json = "{}", m.created_at = at;
      store::outbox::insert(c, m);
    };
    mail("transfer_offered", "Leo@Example.org", 100);
    mail("transfer_offered", "leo@example.org", 200);
    mail("account_exists", "leo@example.org", 300);
    mail("ticket_issued", "leo@example.org", 400);
  });
  tdb->db->read([](store::Connection& c) {
    EXPECT_EQ(store::outbox::count_to_since(c, "transfer_offered", "LEO@example.org", 0), 2);
    EXPECT_EQ(store::outbox::count_to_since(c, "transfer_offered", "leo@example.org", 150), 1);
    EXPECT_EQ(store::outbox::count_to_since(c, "account_exists", "leo@example.org", 0), 1);
    EXPECT_EQ(store::outbox::count_to_since(c, "account_exists", "ann@example.org", 0), 0);
    EXPECT_THROW(store::outbox::count_to_since(c, "ticket_issued", "leo@example.org", 0), std::invalid_argument);
    const bool sqlite = c.dialect() == store::Dialect::sqlite;
    const std::string exists = sqlite ? "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?"
                                      : "SELECT 1 FROM pg_indexes WHERE indexname = ?";
    EXPECT_TRUE(c.query(exists, {std::string("outbox_recipient")}).rows.empty());
    for (const char* kind : {"transfer_offered", "account_exists"}) {
      const std::string index = std::string("outbox_") + kind + "_to";
      EXPECT_FALSE(c.query(exists, {index}).rows.empty()) << index;
      if (!sqlite) continue;
      std::string plan;
      for (const auto& row : c.query(std::string("EXPLAIN QUERY PLAN SELECT COUNT(*) FROM outbox WHERE kind = '") + kind +
                                         "' AND lower(to_email) = lower('a@b.c') AND created_at > 5", {}).rows)
        plan += row.text(3) + "\n";
      EXPECT_NE(plan.find(index), std::string::npos) << plan;
    }
    if (sqlite) {
      const auto entries = c.query("SELECT COUNT(*) FROM outbox INDEXED BY outbox_transfer_offered_to "
                                   "WHERE kind = 'transfer_offered' AND lower(to_email) > ''", {});
      EXPECT_EQ(entries.rows.at(0).integer(0), 2);
    }
  });
}

// Connection::insert gives the new row's id, not that of a row its triggers wrote (SQLite reads the
// last rowid instead of a RETURNING clause), and refuses an insert that inserted nothing.
TEST_P(Store, InsertGivesTheNewRowsIdEvenWhenItsTriggersInsertRowsToo) {
  const auto event = make_event();
  std::int64_t ticket_id = 0, logged_id = 0;
  tdb->db->write([&](store::Connection& c) {
    // A void ticket: the offline change log's trigger inserts a row of its own first.
    c.query("INSERT INTO offline_changes (event_id, ticket_id) VALUES (?, 0)", {event.id});
    const auto key = c.query("SELECT id FROM event_keys WHERE event_id = ?", {event.id}).rows.at(0).integer(0);
    ticket_id = c.insert("INSERT INTO tickets (id, event_id, number, serial, qr_payload, key_id, status, issued_at) "
                         "VALUES (987, ?, 987, 'T-987', 'GP1:T987', ?, 'void', 1)",
                         {event.id, key});
    // SQLite: the trigger's row has a rowid of its own, the last one inserted (PostgreSQL's log has none).
    if (c.dialect() == store::Dialect::sqlite)
      logged_id = c.query("SELECT MAX(seq) FROM offline_changes", {}).rows.at(0).integer(0);
  });
  EXPECT_EQ(ticket_id, 987);
  EXPECT_NE(logged_id, 987);
  EXPECT_THROW(tdb->db->write([&](store::Connection& c) {
                 c.insert("INSERT INTO offline_changes (event_id, ticket_id) SELECT 1, 1 WHERE 1 = 0", {});
               }),
               std::exception);
}

INSTANTIATE_TEST_SUITE_P(Backends, Store, ::testing::ValuesIn(backends()), backend_name);
