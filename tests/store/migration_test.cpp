// Migration 003 rebuilds SQLite's users and tickets tables (a CHECK and a NOT NULL cannot be
// changed in place): rows made under schema 2 must come through whole, with their references,
// and the later migrations (005 inside flags, 006 kept counts and search index) start from them.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/db.hpp"
#include "store/migrations.hpp"
#include "support/test_db.hpp"

using namespace gatepass;
using namespace gatepass::store;

namespace {
// Migration 021 (SQLite): the hot tables' CHECKs are chains of comparisons, not IN lists.
std::vector<std::string> hot_tables_with_in_list_checks(Connection& c) {
  std::vector<std::string> out;
  for (const auto& row : c.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN "
                                 "('registrations', 'tickets', 'outbox', 'scans', 'offline_scans') AND sql LIKE '% IN (''%'",
                                 {})
                             .rows)
    out.push_back(row.text(0));
  return out;
}
}  // namespace

TEST(Migrations, SchemaTwoRowsSurviveTheBoxOfficeRebuildOnSqlite) {
  const auto dir = gatepass::testing::temp_dir();
  auto db = open_database("sqlite://" + dir + "/old.db");
  // Schema as an installation of the previous release left it: migrations 1 and 2 only.
  for (const auto& m : sqlite_migrations()) {
    if (m.version > 2) break;
    db->migrate_step([&](Connection& c) {
      c.exec_script("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      c.exec_script(m.sql);
      c.query("INSERT INTO schema_migrations VALUES (?, ?, 0)", {std::int64_t{m.version}, std::string(m.name)});
    });
  }
  db->write([](Connection& c) {
    c.exec_script(
        "INSERT INTO users (id, username, password_hash, role, created_at, updated_at, token_version) "
        "VALUES (7, 'old-admin', 'h', 'admin', 1, 1, 3);"
        "INSERT INTO events (id, name, slug, serial_prefix, created_at, updated_at, ticket_seq) VALUES (1, 'E', 'e', 'EVT', 1, 1, 1);"
        "INSERT INTO event_keys (id, event_id, public_key, secret_box, created_at) VALUES (1, 1, 'aa', 'bb', 1);"
        "INSERT INTO registrations (id, event_id, name, email, status, decided_by, created_at) "
        "VALUES (1, 1, 'Ada', 'ada@example.com', 'approved', 7, 1);"
        "INSERT INTO tickets (id, event_id, registration_id, number, serial, qr_payload, key_id, status, issued_at, issued_by, "
        "used_at, used_by) VALUES (1, 1, 1, 1, 'EVT-000001', 'GP1:X', 1, 'used', 5, 7, 9, 7);");
  });
  EXPECT_EQ(migrate(*db), static_cast<int>(sqlite_migrations().size()) - 2);

  db->read([](Connection& c) {
    auto u = c.query("SELECT username, role, token_version, display_name FROM users WHERE id = 7", {});
    ASSERT_EQ(u.rows.size(), 1u);
    EXPECT_EQ(u.rows[0].text(0), "old-admin");
    EXPECT_EQ(u.rows[0].integer(2), 3) << "sessions stay as they were";
    EXPECT_TRUE(u.rows[0].is_null(3));
    auto t = c.query("SELECT serial, status, used_at, used_by, holder_name, holder_email, code_id, registration_id "
                     "FROM tickets WHERE id = 1", {});
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].text(0), "EVT-000001");
    EXPECT_EQ(t.rows[0].text(1), "used");
    EXPECT_EQ(t.rows[0].integer(2), 9);
    EXPECT_EQ(t.rows[0].integer(3), 7);
    EXPECT_EQ(t.rows[0].text(4), "Ada") << "the holder is copied from the registration";
    EXPECT_EQ(t.rows[0].text(5), "ada@example.com");
    EXPECT_EQ(t.rows[0].integer(6), 1);
    EXPECT_EQ(t.rows[0].integer(7), 1);
    EXPECT_TRUE(c.query("PRAGMA foreign_key_check", {}).rows.empty());
    // The references into the rebuilt tables still point at them (not at a renamed copy).
    auto fk = c.query("SELECT sql FROM sqlite_schema WHERE name = 'registrations'", {});
    EXPECT_NE(fk.rows[0].text(0).find("REFERENCES users(id)"), std::string::npos);
    // Migration 005: a holder admitted before it was never seen leaving, so is inside.
    EXPECT_EQ(c.query("SELECT inside FROM tickets WHERE id = 1", {}).rows.at(0).integer(0), 1);
    // Migration 006: the kept counts and the search index start from the rows already there.
    EXPECT_EQ(c.query("SELECT SUM(n) FROM ticket_counts WHERE event_id = 1 AND status = 'used' AND inside = 1", {})
                  .rows.at(0).integer(0), 1);
    EXPECT_EQ(c.query("SELECT SUM(n) FROM registration_counts WHERE event_id = 1 AND status = 'approved'", {})
                  .rows.at(0).integer(0), 1);
    EXPECT_EQ(c.query("SELECT rowid FROM registrations_fts WHERE registrations_fts MATCH 'ada'", {}).rows.size(), 1u);
    // Migration 021 found the texts the older migrations (and 003's rebuild) left.
    EXPECT_TRUE(hot_tables_with_in_list_checks(c).empty());
  });
  // And the new rules hold: attendee is a role now, created a status, generated tickets need no registration.
  db->write([](Connection& c) {
    c.exec_script("INSERT INTO users (username, password_hash, role, email, created_at, updated_at) VALUES ('h', 'x', 'attendee', 'h@example.com', 1, 1)");
    c.exec_script("INSERT INTO tickets (event_id, number, serial, qr_payload, key_id, status, issued_at) VALUES (1, 2, 'EVT-000002', 'GP1:Y', 1, 'created', 1)");
  });
  db->read([](Connection& c) {  // and the triggers keep counting new rows
    EXPECT_EQ(c.query("SELECT SUM(n) FROM ticket_counts WHERE event_id = 1 AND status = 'created'", {}).rows.at(0).integer(0), 1);
  });
  EXPECT_THROW(db->write([](Connection& c) {
                 c.exec_script("INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES ('z', 'x', 'root', 1, 1)");
               }),
               std::exception);
  db.reset();
  std::filesystem::remove_all(dir);
}

TEST(Migrations, HotTablesCheckWithoutInListsAndStillRefuseBadValuesOnSqlite) {
  auto tdb = gatepass::testing::fresh_database("sqlite");
  auto& db = *tdb->db;
  db.read([](Connection& c) {
    EXPECT_TRUE(hot_tables_with_in_list_checks(c).empty());
    EXPECT_EQ(c.query("PRAGMA integrity_check", {}).rows.at(0).text(0), "ok");
    // The statements no longer build an ephemeral index per execution.
    std::string plan;
    for (const auto& row : c.query("EXPLAIN UPDATE tickets SET status = 'used' WHERE id = 1", {}).rows) plan += row.text(1) + ' ';
    EXPECT_EQ(plan.find("OpenEphemeral"), std::string::npos) << plan;
  });
  db.write([](Connection& c) {
    c.exec_script(
        "INSERT INTO events (id, name, slug, serial_prefix, created_at, updated_at) VALUES (1, 'E', 'e', 'EVT', 1, 1);"
        "INSERT INTO event_keys (id, event_id, public_key, secret_box, created_at) VALUES (1, 1, 'aa', 'bb', 1);"
        "INSERT INTO tickets (id, event_id, number, serial, qr_payload, key_id, status, issued_at) VALUES (1, 1, 1, 'EVT-1', 'GP1:A', 1, 'valid', 1);");
  });
  // The writer's own connection (the one that ran the migration) enforces the new text too.
  const char* refused[] = {
      "UPDATE tickets SET status = 'bogus' WHERE id = 1",
      "INSERT INTO scans (event_id, ticket_id, type, result, username, scanned_at) VALUES (1, 1, 'teleport', 'admitted', 'u', 1)",
      "INSERT INTO registrations (event_id, name, email, status, created_at) VALUES (1, 'A', 'a@example.com', 'maybe', 1)",
      "INSERT INTO outbox (kind, to_email, status, next_attempt_at, created_at) VALUES ('k', 'a@example.com', 'lost', 1, 1)",
  };
  for (const auto* sql : refused)
    EXPECT_THROW(db.write([&](Connection& c) { c.exec_script(sql); }), std::exception) << sql;
  db.write([](Connection& c) {
    c.exec_script("UPDATE tickets SET status = 'used' WHERE id = 1;"
                  "INSERT INTO scans (event_id, ticket_id, type, result, username, scanned_at) VALUES (1, 1, 'entry', 'admitted', 'u', 1);");
  });
  db.read([](Connection& c) { EXPECT_EQ(c.query("SELECT status FROM tickets WHERE id = 1", {}).rows.at(0).text(0), "used"); });
}

// Migration 022 (SQLite): the offline change log's insert trigger without an IN list, its seq a
// plain INTEGER PRIMARY KEY. Upgraded with rows in it, the log goes on from its newest seq, and
// logs exactly the tickets it logged before.
TEST(Migrations, OfflineChangeLogGoesOnFromItsNewestSeqAfterLosingAutoincrementOnSqlite) {
  const auto dir = gatepass::testing::temp_dir();
  auto db = open_database("sqlite://" + dir + "/old.db");
  for (const auto& m : sqlite_migrations()) {  // an installation at schema 21
    if (m.version > 21) break;
    db->migrate_step([&](Connection& c) {
      c.exec_script("CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      c.exec_script(m.sql);
      c.query("INSERT INTO schema_migrations VALUES (?, ?, 0)", {std::int64_t{m.version}, std::string(m.name)});
    });
  }
  const auto add_ticket = [&](int id, const char* status, int code_id) {
    db->write([&](Connection& c) {
      c.query("INSERT INTO tickets (id, event_id, number, serial, qr_payload, key_id, status, issued_at, code_id) "
              "VALUES (?, 1, ?, ?, ?, 1, ?, 1, ?)",
              {std::int64_t{id}, std::int64_t{id}, "EVT-" + std::to_string(id), "GP1:" + std::to_string(id),
               std::string(status), std::int64_t{code_id}});
    });
  };
  db->write([](Connection& c) {
    c.exec_script(
        "INSERT INTO events (id, name, slug, serial_prefix, created_at, updated_at) VALUES (1, 'E', 'e', 'EVT', 1, 1);"
        "INSERT INTO event_keys (id, event_id, public_key, secret_box, created_at) VALUES (1, 1, 'aa', 'bb', 1);");
  });
  add_ticket(1, "created", 1);  // logged: an unsold ticket an offline gate must refuse
  add_ticket(2, "void", 1);     // logged
  int later = 0;
  for (const auto& m : sqlite_migrations()) later += m.version > 21 ? 1 : 0;
  EXPECT_EQ(migrate(*db), later);

  const auto log = [&] {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;  // (seq, ticket)
    db->read([&](Connection& c) {
      for (const auto& r : c.query("SELECT seq, ticket_id FROM offline_changes ORDER BY seq", {}).rows)
        out.emplace_back(r.integer(0), r.integer(1));
    });
    return out;
  };
  EXPECT_EQ(log(), (std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 1}, {2, 2}}));
  add_ticket(3, "valid", 1);     // not logged: admissions and plain valid tickets are not
  add_ticket(4, "refunded", 1);  // logged
  add_ticket(5, "valid", 2);     // logged: a replaced code
  add_ticket(6, "created", 1);   // logged
  EXPECT_EQ(log(), (std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 1}, {2, 2}, {3, 4}, {4, 5}, {5, 6}}));
  db->read([](Connection& c) {
    const auto table = c.query("SELECT sql FROM sqlite_schema WHERE name = 'offline_changes'", {}).rows.at(0).text(0);
    EXPECT_EQ(table.find("AUTOINCREMENT"), std::string::npos) << table;
    const auto trigger = c.query("SELECT sql FROM sqlite_schema WHERE name = 'offline_changes_insert'", {}).rows.at(0).text(0);
    EXPECT_EQ(trigger.find(" IN ("), std::string::npos) << trigger;
    EXPECT_TRUE(c.query("SELECT 1 FROM sqlite_sequence WHERE name = 'offline_changes'", {}).rows.empty());
    EXPECT_EQ(c.query("PRAGMA integrity_check", {}).rows.at(0).text(0), "ok");
    std::string plan;  // an approval's ticket insert builds no ephemeral index for the trigger's test
    for (const auto& row : c.query("EXPLAIN INSERT INTO tickets (event_id, number, serial, qr_payload, key_id, status, issued_at) "
                                   "VALUES (1, 9, 'EVT-9', 'GP1:9', 1, 'valid', 1)", {}).rows)
      plan += row.text(1) + ' ';
    EXPECT_EQ(plan.find("OpenEphemeral"), std::string::npos) << plan;
  });
  db.reset();
  std::filesystem::remove_all(dir);
}
