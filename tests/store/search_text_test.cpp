// PostgreSQL keeps the folded search text of registrations and tickets beside the rows (migration
// 025): written when a row is inserted or its text changes, never by an approval or a check-in
// (whose non-HOT updates would otherwise add a trigram entry for unchanged text), deleted with the
// row. What the searches find is tested through the routes on both databases; this checks the
// side tables themselves.
#include "app/checkin.hpp"
#include "store/migrations.hpp"
#include "support/app_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;

namespace {

class SearchText : public AppFixture {
 protected:
  // The side row's text and its row version (xmin): a changed xmin means the row was rewritten.
  struct SideRow {
    std::string folded;
    std::string version;
  };
  std::optional<SideRow> side_row(const char* table, const char* key, Id id) {
    std::optional<SideRow> out;
    tdb->db->read([&](store::Connection& c) {
      const auto r = c.query(std::string("SELECT folded, xmin::text FROM ") + table + " WHERE " + key + " = ?", {id});
      if (!r.rows.empty()) out = SideRow{r.rows[0].text(0), r.rows[0].text(1)};
    });
    return out;
  }
  void sql(const std::string& statement, Id id) {
    tdb->db->write([&](store::Connection& c) { c.query(statement, {id}); });
  }
};

TEST_P(SearchText, ARegistrationsTextIsWrittenWithItAndRewrittenOnlyWhenItChanges) {
  const auto event = make_event();
  const auto reg = register_person(event.id, "Zoë Ünal");
  const auto written = side_row("registration_search", "registration_id", reg.id);
  ASSERT_TRUE(written);
  EXPECT_EQ(written->folded, "zoe unal " + reg.email + " ");

  app::approve_registration(*ctx, admin, reg.id);
  const auto approved = side_row("registration_search", "registration_id", reg.id);
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->version, written->version) << "the approval did not touch the search text";

  sql("UPDATE registrations SET name = 'Erased', email = 'erased-1@invalid' WHERE id = ?", reg.id);
  const auto erased = side_row("registration_search", "registration_id", reg.id);
  ASSERT_TRUE(erased);
  EXPECT_EQ(erased->folded, "erased erased-1@invalid ");

  // Nothing in the application deletes a registration; an operator might, one never approved.
  const auto pending = register_person(event.id, "Pending");
  ASSERT_TRUE(side_row("registration_search", "registration_id", pending.id));
  sql("DELETE FROM registrations WHERE id = ?", pending.id);
  EXPECT_FALSE(side_row("registration_search", "registration_id", pending.id)) << "gone with its row";
}

TEST_P(SearchText, ATicketsTextFollowsItsHolderAndBuyerButNotItsCheckIns) {
  const auto event = make_event();
  const auto ticket = approved_ticket(event.id);
  const Id id = ticket.ticket.id;
  const std::string email = ticket.holder_email;  // the registrant: holder and buyer
  const auto issued = side_row("ticket_search", "ticket_id", id);
  ASSERT_TRUE(issued);
  EXPECT_EQ(issued->folded, "alice " + email + " alice " + email);

  ASSERT_EQ(app::check_in_ticket(*ctx, admin, ticket.ticket.qr_payload, std::nullopt).outcome,
            app::CheckInOutcome::admitted);
  const auto admitted = side_row("ticket_search", "ticket_id", id);
  ASSERT_TRUE(admitted);
  EXPECT_EQ(admitted->version, issued->version) << "the check-in did not touch the search text";

  sql("UPDATE tickets SET purchaser_name = 'Bäcker' WHERE id = ?", id);
  EXPECT_EQ(side_row("ticket_search", "ticket_id", id)->folded, "alice " + email + " backer " + email);

  // Without any name or address (as a generated ticket nobody bought) a ticket has no text to find.
  sql("UPDATE tickets SET holder_name = NULL, holder_email = NULL, purchaser_name = NULL, purchaser_email = NULL "
      "WHERE id = ?", id);
  EXPECT_FALSE(side_row("ticket_search", "ticket_id", id));
  sql("UPDATE tickets SET holder_email = 'New@Example.com' WHERE id = ?", id);
  EXPECT_EQ(side_row("ticket_search", "ticket_id", id)->folded, " new@example.com  ");
}

// Nothing in the application deletes a ticket; an operator might, one without links or scans.
TEST_P(SearchText, ADeletedTicketTakesItsTextWithIt) {
  const auto event = make_event();
  Id id = 0;
  tdb->db->write([&](store::Connection& c) {
    const auto key = c.query("SELECT id FROM event_keys WHERE event_id = ?", {event.id}).rows.at(0).integer(0);
    id = c.insert("INSERT INTO tickets (event_id, number, serial, qr_payload, key_id, status, issued_at, holder_name) "
                  "VALUES (?, 987, 'T-987', 'GP1:T987', ?, 'valid', 1, 'Ola')",
                  {event.id, key});
  });
  ASSERT_EQ(side_row("ticket_search", "ticket_id", id)->folded, "ola   ");
  sql("DELETE FROM tickets WHERE id = ?", id);
  EXPECT_FALSE(side_row("ticket_search", "ticket_id", id));
}

// Upgrading from schema 24 (the text in trigram indexes on the rows themselves) copies the text
// of every existing registration and ticket beside it.
TEST_P(SearchText, AnUpgradeCopiesTheTextOfExistingRows) {
  const auto event = make_event();
  const auto ticket = approved_ticket(event.id);
  const auto pending = register_person(event.id, "Ünal");
  tdb->db->write([&](store::Connection& c) {
    c.exec_script(
        "DROP TABLE registration_search; DROP TABLE ticket_search;"
        "DROP FUNCTION registration_search_write() CASCADE; DROP FUNCTION ticket_search_write() CASCADE;"
        "CREATE INDEX registrations_search ON registrations"
        "  USING gin (gp_fold(name || ' ' || email || ' ' || COALESCE(team_name, '')) gin_trgm_ops);"
        "CREATE INDEX tickets_search ON tickets USING gin (gp_fold(COALESCE(holder_name, '') || ' ' ||"
        "  COALESCE(holder_email, '') || ' ' || COALESCE(purchaser_name, '') || ' ' || COALESCE(purchaser_email, ''))"
        "  gin_trgm_ops) WHERE COALESCE(holder_name, holder_email, purchaser_name, purchaser_email) IS NOT NULL;"
        "DELETE FROM schema_migrations WHERE version = 25;");
  });
  EXPECT_EQ(store::migrate(*tdb->db), 1);
  EXPECT_EQ(side_row("registration_search", "registration_id", pending.id)->folded, "unal " + pending.email + " ");
  EXPECT_EQ(side_row("registration_search", "registration_id", *ticket.ticket.registration_id)->folded,
            "alice " + ticket.holder_email + " ");
  EXPECT_EQ(side_row("ticket_search", "ticket_id", ticket.ticket.id)->folded,
            "alice " + ticket.holder_email + " alice " + ticket.holder_email);
  const auto found = app::list_registrations(*ctx, {std::nullopt, std::nullopt, std::string("UNAL")}, {10, 0});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.items.at(0).registration.id, pending.id);
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SearchText);
INSTANTIATE_TEST_SUITE_P(Postgres, SearchText, ::testing::ValuesIn(postgres_only()), backend_name);

}  // namespace
