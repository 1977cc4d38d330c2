// The tamper-evident audit log (docs/security.md, "The audit chain") on both backends: what the
// sealer links verifies; editing, deleting, swapping or reordering rows in the database is found;
// a recorded redaction keeps the chain verifiable while a silent edit of details does not;
// 10,000 rows verify within a second; two database handles (two instances) sealing while rows
// are written keep one chain.
#include <boost/json/parse.hpp>
#include <chrono>
#include <iostream>

#include "app/audit.hpp"
#include "app/audit/redact.hpp"
#include "app/audit/seal.hpp"
#include "app/audit/verify.hpp"
#include "app/checkin.hpp"
#include "domain/error.hpp"
#include "store/audit_chain_repo.hpp"
#include "store/migrations.hpp"
#include "support/app_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class AuditChain : public AppFixture {
 protected:
  // Realistic rows (an approval, a check-in, a refused scan) and plain ones up to `n` more.
  void write_rows(int n) {
    const auto event = make_event();
    const auto ticket = approved_ticket(event.id);
    app::check_in_ticket(*ctx, admin, ticket.ticket.qr_payload, std::nullopt);
    app::check_in_ticket(*ctx, admin, ticket.ticket.qr_payload, std::nullopt);  // already used
    for (int i = 0; i < n; ++i) record(i);
  }
  void record(int i, store::Database* db = nullptr) {
    app::AuditRecord rec{"test.row", "test", std::to_string(i), std::nullopt, {{"i", i}, {"email", "p@example.com"}}};
    (db ? *db : *tdb->db).write([&](store::Connection& c) { app::record_audit(c, app::Actor::of(admin), rec, 1000 + i); });
  }
  std::int64_t seal() { return app::audit::seal_committed(*tdb->db, [] { return Millis{5}; }, true); }
  app::audit::VerifyReport verify(const std::optional<audit_chain::Head>& kept = std::nullopt) {
    return app::audit::verify_chain(*tdb->db, kept);
  }
  void sql(const std::string& s) {
    tdb->db->write([&](store::Connection& c) { c.exec_script(s); });
  }
  std::int64_t scalar(const std::string& q) {
    std::int64_t v = 0;
    tdb->db->read([&](store::Connection& c) { v = c.exec(q).rows.at(0).integer(0); });
    return v;
  }
  // The id of the row at chain position `seq`.
  Id at(std::int64_t seq) { return scalar("SELECT id FROM audit_logs WHERE chain_seq = " + std::to_string(seq)); }
  std::int64_t rows() { return scalar("SELECT COUNT(*) FROM audit_logs"); }
  // A sealed chain of at least 20 rows.
  void sealed_chain() {
    write_rows(20);
    seal();
    const auto r = verify();
    ASSERT_TRUE(r.ok) << r.reason;
    ASSERT_EQ(r.rows_checked, rows());
  }
  void expect_broken_at(const app::audit::VerifyReport& r, std::optional<Id> row, const std::string& why) {
    EXPECT_FALSE(r.ok) << "tampering went unnoticed";
    EXPECT_EQ(r.bad_row_id, row) << r.reason;
    EXPECT_NE(r.reason.find(why), std::string::npos) << r.reason;
  }
};

TEST_P(AuditChain, SealedRowsVerifyAndNewRowsAreAnUnsealedTailNotTampering) {
  write_rows(5);
  const auto before = verify();
  EXPECT_TRUE(before.ok) << before.reason;
  EXPECT_EQ(before.rows_checked, 0);
  EXPECT_EQ(before.unsealed, rows()) << "nothing sealed yet";
  EXPECT_EQ(before.head, audit_chain::Head{}) << "the genesis";

  EXPECT_EQ(seal(), rows());
  const auto sealed = verify();
  ASSERT_TRUE(sealed.ok) << sealed.reason;
  EXPECT_EQ(sealed.rows_checked, rows());
  EXPECT_EQ(sealed.unsealed, 0);
  EXPECT_EQ(sealed.head.seq, rows());

  record(100);
  record(101);
  const auto tail = verify();
  EXPECT_TRUE(tail.ok) << tail.reason;
  EXPECT_EQ(tail.unsealed, 2);
  EXPECT_EQ(tail.head, sealed.head);
  EXPECT_EQ(seal(), 2);
  const auto again = verify(sealed.head);
  EXPECT_TRUE(again.ok) << "the chain goes on through the earlier head: " << again.reason;
  EXPECT_EQ(again.head.seq, sealed.head.seq + 2);
  EXPECT_EQ(seal(), 0) << "nothing left";
}

TEST_P(AuditChain, EditingAnyColumnOfARowIsFound) {
  sealed_chain();
  // One of the plain rows: an admin's, with an entity id, no event and details.
  const auto victim = scalar("SELECT id FROM audit_logs WHERE action = 'test.row' ORDER BY id LIMIT 1 OFFSET 3");
  const auto victim_seq = scalar("SELECT chain_seq FROM audit_logs WHERE id = " + std::to_string(victim));
  const auto next = at(victim_seq + 1);
  const auto where = " WHERE id = " + std::to_string(victim);
  for (const std::string& change : std::vector<std::string>{"actor = 'someone-else'", "action = 'registration.decline'", "entity_type = 'ticket'", "entity_id = '999'",
        "entity_id = NULL", "event_id = 42", "actor_id = NULL", "created_at = created_at + 1", "chain_seq = 1000",
        "chain_hash = '" + std::string(64, 'a') + "'", "details_digest = '" + std::string(64, 'b') + "'",
        "details_digest = NULL", "id = 100000"}) {
    SCOPED_TRACE(change);
    sql("CREATE TABLE saved_row AS SELECT * FROM audit_logs" + where);
    sql("UPDATE audit_logs SET " + change + where);
    const auto r = verify();
    EXPECT_FALSE(r.ok) << "an edit of " << change << " went unnoticed";
    // A moved position is noticed at the gap it leaves (the next row); anything else at the row.
    if (change.starts_with("chain_seq")) EXPECT_EQ(r.bad_row_id, next) << r.reason;
    else if (change.starts_with("id")) EXPECT_EQ(r.bad_row_id, 100000) << r.reason;
    else EXPECT_EQ(r.bad_row_id, victim) << r.reason;
    // Put the row back for the next edit.
    sql("DELETE FROM audit_logs WHERE id IN (" + std::to_string(victim) + ", 100000)");
    sql("INSERT INTO audit_logs SELECT * FROM saved_row");
    sql("DROP TABLE saved_row");
    ASSERT_TRUE(verify().ok) << "restored";
  }
}

TEST_P(AuditChain, EditedDetailsAreFound) {
  sealed_chain();
  const auto victim = at(12);
  sql("UPDATE audit_logs SET details = '{\"i\":0,\"email\":\"other@example.com\"}' WHERE id = " + std::to_string(victim));
  expect_broken_at(verify(), victim, "details differ");
}

TEST_P(AuditChain, DeletingARowIsFoundInTheMiddleAndAtTheEnd) {
  sealed_chain();
  const auto last_seq = rows();
  const auto after = at(6);
  sql("DELETE FROM audit_logs WHERE chain_seq = 5");
  expect_broken_at(verify(), after, "position 5 is missing");

  const auto last = at(last_seq);
  sql("DELETE FROM audit_logs WHERE chain_seq >= 5");
  expect_broken_at(verify(), last, "rows at the end were deleted");
}

TEST_P(AuditChain, UnsealingARowIsFound) {
  sealed_chain();
  const auto after = at(9);
  sql("UPDATE audit_logs SET chain_seq = NULL, chain_hash = NULL, details_digest = NULL WHERE chain_seq = 8");
  expect_broken_at(verify(), after, "position 8 is missing");
  seal();  // the sealer links it again at the end: the gap stays
  EXPECT_FALSE(verify().ok);
}

TEST_P(AuditChain, SwappingOrReorderingRowsIsFound) {
  sealed_chain();
  const auto a = at(10), b = at(11);
  // Swap every column but the id (contents and links): the rows now sit at each other's places.
  const std::string cols = "actor_id, actor, action, entity_type, entity_id, event_id, details, created_at";
  tdb->db->write([&](store::Connection& c) {
    c.exec_script("CREATE TEMP TABLE pair AS SELECT id, " + cols + " FROM audit_logs WHERE id IN (" + std::to_string(a) +
                  ", " + std::to_string(b) + ")");
    for (const auto& [to, from] : {std::pair{a, b}, std::pair{b, a}})
      c.exec_script("UPDATE audit_logs SET (" + cols + ") = (SELECT " + cols + " FROM pair WHERE id = " +
                    std::to_string(from) + ") WHERE id = " + std::to_string(to));
    c.exec_script("DROP TABLE pair");
  });
  expect_broken_at(verify(), a, "differ");

  // Undo by swapping back, then reorder: exchange the two rows' chain positions and links.
  tdb->db->write([&](store::Connection& c) {
    c.exec_script("CREATE TEMP TABLE pair AS SELECT id, " + cols + " FROM audit_logs WHERE id IN (" + std::to_string(a) +
                  ", " + std::to_string(b) + ")");
    for (const auto& [to, from] : {std::pair{a, b}, std::pair{b, a}})
      c.exec_script("UPDATE audit_logs SET (" + cols + ") = (SELECT " + cols + " FROM pair WHERE id = " +
                    std::to_string(from) + ") WHERE id = " + std::to_string(to));
    c.exec_script("DROP TABLE pair");
  });
  ASSERT_TRUE(verify().ok);
  sql("UPDATE audit_logs SET chain_seq = -chain_seq WHERE chain_seq IN (10, 11)");
  sql("UPDATE audit_logs SET chain_seq = CASE chain_seq WHEN -10 THEN 11 ELSE 10 END WHERE chain_seq IN (-10, -11)");
  expect_broken_at(verify(), b, "hash does not match");
}

TEST_P(AuditChain, TheDatabaseRefusesTwoRowsAtOnePosition) {
  sealed_chain();
  // What would fork the chain, were a sealer ever to skip the head's lock.
  EXPECT_THROW(tdb->db->write([](store::Connection& c) { c.exec("UPDATE audit_logs SET chain_seq = 3 WHERE chain_seq = 4"); }),
               store::UniqueViolation);
  EXPECT_TRUE(verify().ok);
}

TEST_P(AuditChain, AChainRebuiltAfterAnEditIsFoundOnlyAgainstAKeptHead) {
  sealed_chain();
  const auto kept = verify().head;  // written down by the organiser
  // Someone with write access edits row 3 and re-links everything after it (no secret is
  // needed): the database alone then verifies, the kept head does not.
  sql("UPDATE audit_logs SET actor = 'nobody' WHERE chain_seq = 3");
  sql("UPDATE audit_logs SET chain_seq = NULL, chain_hash = NULL, details_digest = NULL WHERE chain_seq >= 3");
  tdb->db->write([&](store::Connection& c) {
    // The head's row too: the SQLite sealer picks up the rows past it (store/audit_chain_repo.hpp).
    c.exec_script("UPDATE audit_chain_head SET seq = 2, hash = (SELECT chain_hash FROM audit_logs WHERE chain_seq = 2), "
                  "audit_id = (SELECT id FROM audit_logs WHERE chain_seq = 2)");
  });
  seal();
  EXPECT_TRUE(verify().ok) << "a rebuilt chain is consistent in itself";
  expect_broken_at(verify(kept), at(kept.seq), "no longer passes through the kept head");

  // Cutting the end off and moving the head back: found only against a head kept from before.
  const auto later = verify().head;
  sql("DELETE FROM audit_logs WHERE chain_seq > 10");
  tdb->db->write([&](store::Connection& c) {
    c.exec_script("UPDATE audit_chain_head SET seq = 10, hash = (SELECT chain_hash FROM audit_logs WHERE chain_seq = 10)");
  });
  EXPECT_TRUE(verify().ok);
  expect_broken_at(verify(later), std::nullopt, "beyond the chain's end");
}

TEST_P(AuditChain, ARecordedRedactionVerifiesAndASilentEditAfterItDoesNot) {
  sealed_chain();
  write_rows(0);  // unsealed rows too: the redaction seals them first
  const auto a = at(5), b = at(6);
  std::int64_t changed = 0;
  tdb->db->write([&](store::Connection& c) {
    changed = app::audit::redact_details(c, {{a, {{"i", 0}, {"email", "[erased]"}}}, {b, {{"erased", true}}}},
                                         app::Actor::system(), "privacy erasure", 77);
  });
  EXPECT_EQ(changed, 2);
  const auto r = verify();
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.redacted, 2);
  EXPECT_EQ(r.unsealed, 0) << "the redaction record is chained in the same transaction";
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM audit_logs WHERE action = 'audit.redact' AND chain_seq IS NOT NULL"), 1);
  tdb->db->read([&](store::Connection& c) {
    EXPECT_EQ(store::audit::find_chain_row(c, a)->entry.details_json, "{\"i\":0,\"email\":\"[erased]\"}");
  });

  // Changing redacted details again, without a redaction record, is found.
  sql("UPDATE audit_logs SET details = '{\"erased\":false}' WHERE id = " + std::to_string(b));
  expect_broken_at(verify(), b, "no recorded redaction");
  sql("UPDATE audit_logs SET details = '{\"erased\":true}' WHERE id = " + std::to_string(b));
  ASSERT_TRUE(verify().ok);

  // Editing the redaction record itself (to cover a silent edit) is found at that record.
  const auto record = scalar("SELECT id FROM audit_logs WHERE action = 'audit.redact'");
  sql("UPDATE audit_logs SET details = REPLACE(details, 'privacy erasure', 'x') WHERE id = " + std::to_string(record));
  expect_broken_at(verify(), record, "details differ");
}

TEST_P(AuditChain, RedactionRefusesUnknownRowsRedactionRecordsAndRepeatsAndSkipsNoChange) {
  sealed_chain();
  const auto a = at(4);
  auto redact = [&](const std::vector<app::audit::DetailsRedaction>& rows) {
    std::int64_t n = 0;
    tdb->db->write([&](store::Connection& c) { n = app::audit::redact_details(c, rows, app::Actor::system(), "test", 1); });
    return n;
  };
  try {
    redact({{999999, {}}});
    ADD_FAILURE() << "an unknown row was redacted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::not_found);
  }
  try {
    redact({{a, {}}, {a, {}}});
    ADD_FAILURE() << "a row named twice was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation);
  }
  std::string same;
  tdb->db->read([&](store::Connection& c) { same = store::audit::find_chain_row(c, a)->entry.details_json; });
  const auto before = rows();
  EXPECT_EQ(redact({{a, boost::json::parse(same).as_object()}}), 0);
  EXPECT_EQ(rows(), before) << "no change, no redaction record";
  EXPECT_EQ(redact({{a, {{"erased", true}}}}), 1);
  const auto record = scalar("SELECT id FROM audit_logs WHERE action = 'audit.redact'");
  try {
    redact({{record, {}}});
    ADD_FAILURE() << "a redaction record was redacted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation);
  }
  // Redacting the same row again: the latest record counts.
  EXPECT_EQ(redact({{a, {{"erased", "twice"}}}}), 1);
  const auto r = verify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.redacted, 1);
}

TEST_P(AuditChain, TenThousandRowsVerifyInUnderOneSecond) {
  tdb->db->write([&](store::Connection& c) {
    for (int i = 0; i < 10'000; ++i) {
      app::AuditRecord rec{"checkin.admitted", "ticket", std::to_string(i), 1,
                           {{"serial", "EVT-" + std::to_string(i)}, {"gate", "North"}, {"count", 1}}};
      app::record_audit(c, app::Actor::of(admin), rec, 1000 + i);
    }
  });
  const auto t0 = std::chrono::steady_clock::now();
  seal();
  const auto t1 = std::chrono::steady_clock::now();
  const auto r = verify();
  const auto t2 = std::chrono::steady_clock::now();
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.rows_checked, rows());
  EXPECT_GE(r.rows_checked, 10'000);
  const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
  std::cout << "[ measured ] " << GetParam() << ": sealing " << r.rows_checked << " rows took " << ms(t1 - t0)
            << " ms, verifying them " << ms(t2 - t1) << " ms\n";
  EXPECT_LT(ms(t2 - t1), 1000);
}

TEST_P(AuditChain, TwoInstancesWritingAndSealingAtOnceKeepOneChain) {
  // A second handle on the same database: another instance (PostgreSQL) or process (SQLite).
  auto second = store::open_database(tdb->url);
  store::Database* dbs[2] = {tdb->db.get(), second.get()};
  constexpr int kWriters = 8, kSealers = 4, kRowsEach = 60;
  std::atomic<int> writers_left{kWriters};
  std::atomic<std::int64_t> sealed_while_writing{0};
  race(kWriters + kSealers, [&](int i) {
    auto& db = *dbs[i % 2];
    if (i < kWriters) {
      for (int k = 0; k < kRowsEach; ++k) {
        if (k % 10 == 0) {  // some transactions write several rows
          db.write([&](store::Connection& c) {
            for (int j = 0; j < 3; ++j)
              app::record_audit(c, app::Actor::system(), {"test.multi", "test", std::nullopt, std::nullopt, {{"w", i}}}, k);
          });
        } else {
          record(i * 1000 + k, &db);
        }
      }
      --writers_left;
      return;
    }
    // Sealers on both instances, some waiting for the head's lock, some skipping when it is taken.
    const bool wait = i % 4 < 2;
    while (writers_left > 0)
      sealed_while_writing += app::audit::seal_committed(db, [] { return Millis{9}; }, wait);
  });
  seal();
  const auto r = verify();
  ASSERT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.unsealed, 0);
  EXPECT_EQ(r.rows_checked, rows()) << "every row is in the one chain";
  EXPECT_EQ(r.head.seq, rows()) << "positions 1..n without gaps or doubles";
  EXPECT_GT(sealed_while_writing, 0) << "the sealers did race the writers";
  std::cout << "[ measured ] " << GetParam() << ": " << sealed_while_writing << " of " << rows()
            << " rows sealed while the writers ran\n";
}

TEST_P(AuditChain, AnUpgradedDatabaseChainsItsExistingRows) {
  // Back to the schema before migration 013, with rows written then.
  sql("DROP TABLE audit_chain_head");
  sql("DROP INDEX audit_logs_chain_seq");
  sql("DROP INDEX IF EXISTS audit_logs_unsealed");  // SQLite has none since migration 025
  for (const char* col : {"chain_seq", "details_digest", "chain_hash"})
    sql(std::string("ALTER TABLE audit_logs DROP COLUMN ") + col);
  sql("DELETE FROM schema_migrations WHERE version = 13");
  write_rows(30);
  EXPECT_EQ(store::migrate(*tdb->db), 1);
  const auto before = verify();
  EXPECT_TRUE(before.ok) << before.reason;
  EXPECT_EQ(before.unsealed, rows()) << "the rows from before the upgrade wait for the first seal";
  EXPECT_EQ(seal(), rows());
  const auto after = verify();
  EXPECT_TRUE(after.ok) << after.reason;
  EXPECT_EQ(after.rows_checked, rows());
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditChain, ::testing::ValuesIn(backends()), backend_name);
