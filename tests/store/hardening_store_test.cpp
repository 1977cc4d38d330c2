// Issue 6, finding 12: what a retried or half-failed transaction must not get wrong.
#include <filesystem>
#include <fstream>

#include "app/housekeeping.hpp"
#include "app/registrations.hpp"
#include "domain/error.hpp"
#include "store/db.hpp"
#include "support/app_fixture.hpp"
#include "support/wrapped_db.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace fs = std::filesystem;

class StoreHardening : public AppFixture {
 protected:
  app::RegistrationInput with_png(Id event_id) {
    app::RegistrationInput in;
    in.event_id = event_id;
    in.name = "Pat";
    in.email = "pat@example.com";
    in.attachment = app::Attachment{std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, 'x'), "proof.png"};
    return in;
  }
  std::vector<std::string> attachment_files() {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& f : fs::directory_iterator(data_dir + "/attachments", ec)) out.push_back(f.path().filename().string());
    return out;
  }
};

TEST_P(StoreHardening, AnApprovalReRunAfterADeadlockDoesNotClaimAnotherAdminsTicket) {
  const auto event = make_event();
  const auto reg = register_person(event.id);
  const app::Principal other_admin = admin;
  // First run approves, is rolled back as after a deadlock; meanwhile the other admin approves.
  RetryOnceDatabase retrying(*tdb->db, [&] { app::approve_registration(*ctx, other_admin, reg.id); });
  app::Context retry_ctx(retrying, test_config(data_dir));
  const auto out = app::approve_registration(retry_ctx, admin, reg.id);
  EXPECT_FALSE(out.newly_issued) << "the re-run found the ticket issued by someone else";
  EXPECT_EQ(out.ticket.ticket.serial, app::approve_registration(*ctx, admin, reg.id).ticket.ticket.serial);
}

TEST_P(StoreHardening, AFileIsKeptWhenTheCommitOutcomeIsUnknown) {
  const auto event = make_event();
  CommitUnknownOnceDatabase unsure(*tdb->db);
  app::Context unsure_ctx(unsure, test_config(data_dir));
  EXPECT_THROW(app::submit_registration(unsure_ctx, with_png(event.id)), store::CommitOutcomeUnknown);
  // The row did commit: the file it points to must still be there.
  const auto listed = app::list_registrations(*ctx, {}, {10, 0});
  ASSERT_EQ(listed.total, 1);
  ASSERT_EQ(listed.items.at(0).attachments.size(), 1u);
  const auto files = attachment_files();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files.at(0), listed.items.at(0).attachments.at(0).row.file_name);
  EXPECT_EQ(app::read_attachment(*ctx, listed.items.at(0).attachments.at(0).id).bytes.size(), 72u);
}

TEST_P(StoreHardening, HousekeepingRemovesOnlyOldOrphanedFiles) {
  const auto event = make_event();
  app::submit_registration(*ctx, with_png(event.id));
  const auto kept = attachment_files().at(0);
  const std::string dir = data_dir + "/attachments/";
  for (const char* name : {"orphan-old.png", "orphan-new.png"}) {
    std::ofstream(dir + name) << "x";
  }
  const auto two_hours_ago = fs::file_time_type::clock::now() - std::chrono::hours(2);
  fs::last_write_time(dir + "orphan-old.png", two_hours_ago);
  fs::last_write_time(dir + kept, two_hours_ago);
  EXPECT_EQ(app::remove_orphan_attachments(*ctx, std::chrono::hours(1)), 1);
  EXPECT_FALSE(fs::exists(dir + "orphan-old.png"));
  EXPECT_TRUE(fs::exists(dir + "orphan-new.png")) << "too young: its transaction may still be running";
  EXPECT_TRUE(fs::exists(dir + kept)) << "a registration points to it";
}

TEST_P(StoreHardening, DataFilesAreForTheOwnerOnly) {
  const auto event = make_event();
  app::submit_registration(*ctx, with_png(event.id));
  const auto dir = fs::status(data_dir + "/attachments").permissions();
  EXPECT_EQ(dir & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  const auto file = fs::status(data_dir + "/attachments/" + attachment_files().at(0)).permissions();
  EXPECT_EQ(file & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreHardening, ::testing::ValuesIn(backends()), backend_name);

// Deferred writes (audit rows, queued mail) travel with the next statement or the commit; on
// PostgreSQL in one pipeline. They must run in order, be seen by later statements, and fail the
// transaction they belong to exactly as an immediate write would.
TEST_P(StoreHardening, DeferredWritesRunInOrderAndFailTheirTransaction) {
  auto& db = *tdb->db;
  const std::string insert = "INSERT INTO audit_logs (actor, action, entity_type, details, created_at) VALUES (?, ?, 'test', '{}', 1)";
  db.write([&](store::Connection& c) {
    c.defer(insert, {"a", "deferred.one"});
    c.defer(insert, {"a", "deferred.two"});
    // The next statement sees both, in order.
    const auto r = c.query("SELECT action FROM audit_logs WHERE action LIKE 'deferred.%' ORDER BY id", {});
    ASSERT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(r.rows[0].text(0), "deferred.one");
    c.defer(insert, {"a", "deferred.three"});  // travels with the commit
  });
  const auto count = [&](const std::string& like) {
    std::int64_t n = -1;
    db.read([&](store::Connection& c) {
      n = c.query("SELECT COUNT(*) FROM audit_logs WHERE action LIKE ?", {like}).rows.at(0).integer(0);
    });
    return n;
  };
  EXPECT_EQ(count("deferred.%"), 3);
  // A deferred write that fails (a duplicate key) fails the whole transaction at the commit:
  // the write before it is rolled back too, and the connection is fine afterwards.
  const auto event = make_event();
  EXPECT_THROW(db.write([&](store::Connection& c) {
                 c.defer(insert, {"a", "doomed.one"});
                 c.defer("INSERT INTO events (id, name, slug, serial_prefix, created_at, updated_at) VALUES (?, 'Dup', 'dup-x', 'DUP', 1, 1)",
                         {event.id});
               }),
               store::UniqueViolation);
  EXPECT_EQ(count("doomed.%"), 0);
  for (int i = 0; i < 20; ++i)  // every pooled connection still works
    db.write([&](store::Connection& c) { c.defer(insert, {"a", "after.failure"}); });
  EXPECT_EQ(count("after.failure"), 20);
}
