// A person's data (docs/privacy.md) over real HTTP on both databases: the export holds every kind
// of row seeded for one person through the API; after erasure a search of every text column of
// every table finds neither their address nor their name, the reports and counts are unchanged,
// and their tickets still answer at the gate with the right state. Retention and holders' requests.
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <mutex>
#include <set>

#include "app/housekeeping.hpp"
#include "domain/time.hpp"
#include "app/audit/seal.hpp"
#include "app/audit/verify.hpp"
#include "support/api_fixture.hpp"
#include "support/db_search.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

namespace {
const std::string kEmail = "zoe.privacy@example.com";
const std::string kName = "Zoë Testperson-Privacy";
const std::string kPhone = "+41 79 555 12 34";
}  // namespace

class Privacy : public ApiFixture {
 protected:
  std::string scanner;
  std::string zoe;  // her holder account's token
  std::int64_t event_a = 0, event_b = 0;
  std::string registered_serial, registered_code;  // event A: registered, approved, admitted (with a note)
  std::string refunded_serial, transferred_serial, kept_serial, kept_code;  // event B: bought by her

  void SetUp() override {
    ApiFixture::SetUp();
    scanner = token_for_new_user("gate1", "scanner");
  }

  static std::string error_code(const HttpResult& r) { return std::string(r.json().at("error").at("code").as_string()); }

  std::string signup(const std::string& username, const std::string& email, const std::string& name, bool verify = true) {
    auto r = client->post_json("/api/auth/register",
                               {{"username", username}, {"password", "password-of-" + username}, {"email", email}, {"name", name}});
    EXPECT_EQ(r.status, 201) << r.body;
    if (verify) verify_email(email);
    return str(r.json(), "access_token");
  }

  HttpResult register_with_attachment(std::int64_t event_id, const std::string& name, const std::string& email) {
    auto part = [](const std::string& field, const std::string& value) {
      return "--B0UND\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value + "\r\n";
    };
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(500, 'x');
    const std::string body = part("event_id", std::to_string(event_id)) + part("name", name) + part("email", email) +
                             part("phone", kPhone) + part("team_name", "The Privacy Testers") +
                             part("members", "Zoë\nHer Friend Quentin-Member") + part("amount", "12.50") +
                             "--B0UND\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"" + name +
                             " receipt.png\"\r\nContent-Type: image/png\r\n\r\n" + png + "\r\n--B0UND--\r\n";
    return client->request("POST", "/api/register", body, {{"Content-Type", "multipart/form-data; boundary=B0UND"}});
  }

  json::array my_tickets(const std::string& token) {
    const auto body = client->get("/api/me/tickets", token).json();
    return body.at("items").as_array();
  }

  // Every kind of row for one person, made the way the product makes them.
  void seed_zoe() {
    // Event A: she registers (phone, team, members, a proof of payment); an admin finds her by
    // address and approves her with a bulk decision (its job's parameters keep the search).
    event_a = create_event_http({{"name", "Privacy Fest"}, {"serial_prefix", "PRV26"}});
    auto reg = register_with_attachment(event_a, kName, kEmail);
    ASSERT_EQ(reg.status, 201) << reg.body;
    auto bulk = client->post_json("/api/admin/registrations/bulk",
                                  {{"action", "approve"}, {"filter", {{"event_id", event_a}, {"q", kEmail}}}}, admin_token);
    ASSERT_EQ(bulk.status, 202) << bulk.body;
    ctx->jobs.wait_idle();
    const auto listed = client->get("/api/admin/registrations?event_id=" + std::to_string(event_a), admin_token).json();
    ASSERT_TRUE(listed.at("items").at(0).at("ticket").is_object()) << json::serialize(listed);
    registered_serial = str(listed.at("items").at(0).at("ticket"), "serial");
    // Admitted, with the steward's note naming her.
    auto admitted = client->post_json("/api/mark-used/" + registered_serial,
                                      {{"event_id", event_a}, {"gate", "North"}, {"note", kName + " came late"}}, scanner);
    ASSERT_EQ(admitted.status, 200) << admitted.body;

    // Her holder account (verified: the ticket she registered for becomes hers).
    zoe = signup("zoe-p", kEmail, kName);
    signup("ben", "ben@example.com", "Ben Other");
    const auto ben = login("ben", "password-of-ben");

    // Event B: the box office sells her three tickets; one refunded, one transferred, one kept
    // and admitted by an offline gate.
    event_b = create_event_http({{"name", "Stadium Privacy"}, {"serial_prefix", "SPR26"}, {"currency", "CHF"}});
    auto type = client->post_json("/api/events/" + std::to_string(event_b) + "/ticket-types", {{"name", "GA"}, {"price", "30.00"}},
                                  admin_token);
    ASSERT_EQ(type.status, 201) << type.body;
    const auto type_id = type.json().at("id").as_int64();
    auto gen = client->post_json("/api/events/" + std::to_string(event_b) + "/tickets/generate",
                                 {{"count", 5}, {"ticket_type_id", type_id}}, admin_token);
    ASSERT_EQ(gen.status, 202) << gen.body;
    ctx->jobs.wait_idle();
    auto sale = client->post_json("/api/events/" + std::to_string(event_b) + "/sell",
                                  {{"ticket_type_id", type_id}, {"buyer_name", kName}, {"buyer_email", kEmail},
                                   {"quantity", 3}, {"holder_username", "zoe-p"}},
                                  admin_token);
    ASSERT_EQ(sale.status, 201) << sale.body;
    const auto sold = sale.json().at("tickets").as_array();
    refunded_serial = str(sold.at(0), "serial");
    transferred_serial = str(sold.at(1), "serial");
    kept_serial = str(sold.at(2), "serial");

    auto refund = client->post_json("/api/refunds", {{"serial", refunded_serial}, {"reason", kName + " cannot come"}}, zoe);
    ASSERT_EQ(refund.status, 201) << refund.body;
    auto decided = client->post_json("/api/refunds/" + std::to_string(refund.json().at("id").as_int64()) + "/approve",
                                     {{"notes", "called " + kPhone}}, admin_token);
    ASSERT_EQ(decided.status, 200) << decided.body;

    auto offer = client->post_json("/api/transfers", {{"serial", transferred_serial}, {"to_username", "ben"}}, zoe);
    ASSERT_EQ(offer.status, 201) << offer.body;
    auto accepted = client->post("/api/transfers/" + std::to_string(offer.json().at("id").as_int64()) + "/accept", ben);
    ASSERT_EQ(accepted.status, 200) << accepted.body;

    for (const auto& t : my_tickets(zoe)) {
      if (str(t, "serial") == kept_serial) kept_code = str(t, "qr_payload");
      if (str(t, "serial") == registered_serial) registered_code = str(t, "qr_payload");
    }
    ASSERT_FALSE(registered_code.empty()) << "the verified address made her registration's ticket hers";
    ASSERT_FALSE(kept_code.empty());
    auto offline = client->post_json("/api/scans/offline",
                                     {{"device_id", "phone-7"},
                                      {"scans", json::array{{{"code", kept_code},
                                                             {"nonce", "nonce-privacy-0001"},
                                                             {"scanned_at", format_iso8601(ctx->now() - 1000)},
                                                             {"gate", "East"}}}}},
                                     scanner);
    ASSERT_EQ(offline.status, 200) << offline.body;

    // She asks from /my to be erased (the admin below erases by address instead).
    auto asked = client->post("/api/me/privacy/erase-request", zoe);
    ASSERT_EQ(asked.status, 200) << asked.body;
  }

  // What the reports say: they must not move when a person is erased.
  std::string reports() {
    std::string out;
    for (const auto event : {event_a, event_b}) {
      auto attendance = client->get("/api/events/" + std::to_string(event) + "/attendance", admin_token).json();
      attendance.as_object().erase("generated_at");
      out += json::serialize(attendance) + "\n";
      auto sales = client->get("/api/events/" + std::to_string(event) + "/sales", admin_token).json();
      for (auto& sale : sales.at("items").as_array()) {  // the money and counts, not who bought
        sale.as_object().erase("buyer_name");
        sale.as_object().erase("buyer_email");
      }
      out += json::serialize(sales) + "\n";
      out += client->get("/api/events/" + std::to_string(event) + "/ticket-types", admin_token).body + "\n";
    }
    out += client->get("/api/admin/stats", admin_token).body + "\n";
    out += std::to_string(
        client->get("/api/admin/registrations?event_id=" + std::to_string(event_a), admin_token).json().at("total").as_int64());
    return out;
  }

  // The gate's answer to a typed serial: "admissible", or why not (a 200 with the ticket shown for
  // already_used; a 409 for a ticket that can never enter).
  std::string at_gate(const std::string& serial, std::int64_t event) {
    const auto r = client->get("/api/verify-ticket/" + serial + "?event_id=" + std::to_string(event), scanner);
    const auto body = r.json();
    if (r.status == 409) return std::string(body.at("error").at("code").as_string());
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return "status " + std::to_string(r.status);
    return body.at("refusal").is_null() ? "admissible" : std::string(body.at("refusal").as_string());
  }
};

TEST_P(Privacy, ExportHoldsEveryKindOfRowOfThePerson) {
  seed_zoe();
  auto r = client->get("/api/admin/privacy/export?email=" + url_encode("ZOE.Privacy@Example.com"), admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto doc = r.json().as_object();
  std::size_t sections = 0;
  for (const auto& [name, value] : doc) {
    if (!value.is_array()) continue;
    ++sections;
    EXPECT_FALSE(value.as_array().empty()) << "no " << name << " rows exported for a person who has them";
  }
  EXPECT_EQ(sections, 12u);
  EXPECT_EQ(doc.at("registrations").at(0).at("phone").as_string(), kPhone);
  EXPECT_EQ(doc.at("accounts").at(0).at("username").as_string(), "zoe-p");
  EXPECT_EQ(doc.at("attachments").at(0).at("content_type").as_string(), "image/png");
  EXPECT_EQ(doc.at("tickets").as_array().size(), 4u) << "registered, refunded, transferred, kept";
  EXPECT_EQ(doc.at("sales").at(0).at("total").as_string(), "90.00");
  // Credentials stay out: no QR payloads, no mailed links or tokens.
  EXPECT_EQ(r.body.find(registered_code), std::string::npos);
  EXPECT_EQ(r.body.find("link_url"), std::string::npos);
  EXPECT_EQ(r.body.find("verify_url"), std::string::npos);
  EXPECT_EQ(r.body.find("password"), std::string::npos);

  // The ticket she handed on is hers as its buyer, but its new holder's details are Ben's, not hers.
  EXPECT_EQ(r.body.find("ben@example.com"), std::string::npos);
  EXPECT_EQ(r.body.find("Ben Other"), std::string::npos);
  EXPECT_EQ(r.body.find("\"ben\""), std::string::npos) << "his username in the history";
  for (const auto& m : doc.at("mail").as_array()) EXPECT_EQ(m.at("to_email").as_string(), kEmail);

  // Audited, without the address.
  auto logs = client->get("/api/admin/logs?action=privacy.export", admin_token).json();
  ASSERT_EQ(logs.at("items").as_array().size(), 1u);
  EXPECT_EQ(json::serialize(logs).find("zoe"), std::string::npos);
  EXPECT_EQ(logs.at("items").at(0).at("entity_id"), doc.at("subject"));

  // Admins only; the address is checked.
  EXPECT_EQ(client->get("/api/admin/privacy/export?email=" + kEmail, zoe).status, 403);
  EXPECT_EQ(client->get("/api/admin/privacy/export?email=" + kEmail, scanner).status, 403);
  auto bad = client->get("/api/admin/privacy/export?email=nope", admin_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("email")) << bad.body;
  EXPECT_EQ(client->get("/api/admin/privacy/export", admin_token).status, 400);
  // Nobody: an empty answer, not an error.
  auto nobody = client->get("/api/admin/privacy/export?email=nobody@example.com", admin_token);
  ASSERT_EQ(nobody.status, 200);
  EXPECT_TRUE(nobody.json().at("tickets").as_array().empty());
}

TEST_P(Privacy, ErasureLeavesNoTraceOfThePersonAndKeepsReportsAndTheGate) {
  seed_zoe();
  ASSERT_GT(searched_column_count(*tdb->db), 100u);
  // The search is real: before, the address and the name are in many places.
  const auto before_email = columns_containing(*tdb->db, kEmail);
  const auto before_name = columns_containing(*tdb->db, kName);
  for (const char* where : {"registrations.email", "tickets.purchaser_email", "sales.buyer_email", "users.email",
                            "outbox.to_email", "jobs.params"})
    EXPECT_NE(std::find(before_email.begin(), before_email.end(), where), before_email.end()) << where;
  for (const char* where : {"registrations.name", "tickets.holder_name", "sales.buyer_name", "users.display_name",
                            "scans.note", "refunds.reason", "outbox.vars"})
    EXPECT_NE(std::find(before_name.begin(), before_name.end(), where), before_name.end()) << where;
  const auto before_username = columns_containing(*tdb->db, "zoe-p");
  for (const char* where : {"users.username", "ticket_events.from_holder", "audit_logs.actor", "audit_logs.details"})
    EXPECT_NE(std::find(before_username.begin(), before_username.end(), where), before_username.end()) << where;
  const auto reports_before = reports();
  const auto files_dir = data_dir + "/attachments";
  ASSERT_EQ(std::distance(std::filesystem::directory_iterator(files_dir), {}), 1);

  // A dry run says what would go and changes nothing.
  auto dry = client->post_json("/api/admin/privacy/erase", {{"email", kEmail}, {"dry_run", true}}, admin_token);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_TRUE(dry.json().at("dry_run").as_bool());
  EXPECT_EQ(columns_containing(*tdb->db, kEmail), before_email);

  auto erased = client->post_json("/api/admin/privacy/erase", {{"email", kEmail}, {"reason", "Asked by " + kName + " by mail"}},
                                  admin_token);
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_FALSE(erased.json().at("dry_run").as_bool());
  EXPECT_EQ(erased.json().at("erased"), dry.json().at("erased")) << "the dry run counted exactly what was erased";
  const auto erased_body = erased.json();  // kept: `n` refers into it
  const auto& n = erased_body.at("erased");
  EXPECT_EQ(n.at("registrations").as_int64(), 1);
  EXPECT_EQ(n.at("attachments").as_int64(), 1);
  EXPECT_EQ(n.at("tickets").as_int64(), 4);
  EXPECT_EQ(n.at("accounts").as_int64(), 1);
  EXPECT_GE(n.at("audit_entries").as_int64(), 5);

  // Nowhere: every text column of every table.
  EXPECT_EQ(columns_containing(*tdb->db, kEmail), std::vector<std::string>{});
  EXPECT_EQ(columns_containing(*tdb->db, kName), std::vector<std::string>{});
  EXPECT_EQ(columns_containing(*tdb->db, kPhone), std::vector<std::string>{});
  EXPECT_EQ(columns_containing(*tdb->db, "zoe-p"), std::vector<std::string>{}) << "her username";
  EXPECT_EQ(columns_containing(*tdb->db, "Quentin-Member"), std::vector<std::string>{}) << "members";
  EXPECT_EQ(columns_containing(*tdb->db, "The Privacy Testers"), std::vector<std::string>{}) << "team";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(files_dir), {}), 0) << "the proof of payment's file";
  // The search index forgot her too.
  auto search = client->get("/api/admin/registrations?q=" + url_encode("Testperson"), admin_token).json();
  EXPECT_EQ(search.at("total").as_int64(), 0);

  // Reports and counts add up as before.
  EXPECT_EQ(reports(), reports_before);
  // Her serials answer at the gate with their state.
  EXPECT_EQ(at_gate(registered_serial, event_a), "already_used");
  EXPECT_EQ(at_gate(refunded_serial, event_b), "refunded");
  EXPECT_EQ(at_gate(kept_serial, event_b), "already_used") << "admitted offline before";
  EXPECT_EQ(at_gate(transferred_serial, event_b), "admissible");
  EXPECT_EQ(client->get("/api/tickets/" + transferred_serial, admin_token).json().at("name").as_string(), "Ben Other")
      << "the holder she handed it to keeps it";
  EXPECT_EQ(client->get("/api/tickets/" + kept_serial, admin_token).json().at("status").as_string(), "used");

  // Her account is closed: no session, no sign-in.
  EXPECT_EQ(client->get("/api/me/tickets", zoe).status, 401);
  EXPECT_EQ(client->post_json("/api/auth/login", {{"username", "zoe-p"}, {"password", "password-of-zoe-p"}}).status, 401);

  // The erasure is audited, without what was erased (the reason named her: it is left out).
  auto logs = client->get("/api/admin/logs?action=privacy.erase", admin_token).json();
  ASSERT_EQ(logs.at("items").as_array().size(), 1u);
  EXPECT_EQ(logs.at("items").at(0).at("details").at("reason").as_string(), "[erased]");
  EXPECT_EQ(logs.at("items").at(0).at("details").at("tickets").as_int64(), 4);

  // Once erased there is nothing left to erase.
  EXPECT_EQ(client->post_json("/api/admin/privacy/erase", {{"email", kEmail}, {"reason", "again"}}, admin_token).status, 404);

  // The audit chain still verifies: each rewritten row (details, and her username as actor) is
  // accounted for by a chained audit.redact row (docs/security.md).
  ctx->audit_queue.flush();
  app::audit::seal_committed(*tdb->db, [this] { return ctx->now(); }, true);
  const auto chain = app::audit::verify_chain(*tdb->db);
  EXPECT_TRUE(chain.ok) << chain.reason << " (row " << chain.bad_row_id.value_or(0) << ")";
  EXPECT_EQ(chain.redacted, n.at("audit_entries").as_int64());
}

TEST_P(Privacy, EraseChecksItsInputAndTheCaller) {
  auto missing = client->post_json("/api/admin/privacy/erase", {{"reason", "x"}}, admin_token);
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(missing.json().at("error").at("fields").as_object().contains("email")) << missing.body;
  auto no_reason = client->post_json("/api/admin/privacy/erase", {{"email", kEmail}}, admin_token);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(no_reason.json().at("error").at("fields").as_object().contains("reason")) << no_reason.body;
  auto bad = client->post_json("/api/admin/privacy/erase", {{"email", "not an address"}, {"reason", "x"}}, admin_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(client->post_json("/api/admin/privacy/erase", {{"email", 5}, {"reason", "x"}}, admin_token).status, 400);
  const auto viewer = token_for_new_user("viewer1", "viewer");
  EXPECT_EQ(client->post_json("/api/admin/privacy/erase", {{"email", kEmail}, {"reason", "x"}}, viewer).status, 403);
  EXPECT_EQ(client->post_json("/api/admin/privacy/erase", {{"email", kEmail}, {"reason", "x"}}).status, 401);
  EXPECT_EQ(client->post_json("/api/admin/privacy/erase", {{"email", "nobody@example.com"}, {"reason", "x"}}, admin_token).status,
            404);
}

TEST_P(Privacy, AHolderAsksAndAnAdminConfirms) {
  const auto event = create_event_http({{"name", "Asked Fest"}});
  auto reg = client->post_json("/api/register", {{"event_id", event}, {"name", kName}, {"email", kEmail}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto holder = signup("zoe-p", kEmail, kName);

  auto none = client->get("/api/me/privacy/erase-request", holder);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(none.json().at("request").is_null());
  auto asked = client->post("/api/me/privacy/erase-request", holder);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json().at("status").as_string(), "pending");
  auto again = client->post("/api/me/privacy/erase-request", holder);
  EXPECT_EQ(again.json().at("id"), asked.json().at("id")) << "one open request per account";
  EXPECT_EQ(client->get("/api/me/privacy/erase-request", holder).json().at("request").at("id"), asked.json().at("id"));

  // Admins see it; nobody else does.
  auto listed = client->get("/api/admin/privacy/requests?status=pending", admin_token);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json().at("total").as_int64(), 1);
  EXPECT_EQ(listed.json().at("items").at(0).at("username").as_string(), "zoe-p");
  EXPECT_TRUE(listed.json().at("items").at(0).at("email_verified").as_bool());
  EXPECT_EQ(client->get("/api/admin/privacy/requests", holder).status, 403);
  EXPECT_EQ(client->get("/api/admin/privacy/requests?status=maybe", admin_token).status, 400);
  EXPECT_EQ(client->post("/api/me/privacy/erase-request", admin_token).status, 403) << "holders only";

  const auto id = std::to_string(asked.json().at("id").as_int64());
  auto confirmed = client->post("/api/admin/privacy/requests/" + id + "/confirm", admin_token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json().at("erased").at("accounts").as_int64(), 1);
  EXPECT_EQ(confirmed.json().at("erased").at("registrations").as_int64(), 1) << "her verified address's registration too";
  EXPECT_EQ(columns_containing(*tdb->db, kEmail), std::vector<std::string>{});
  EXPECT_EQ(columns_containing(*tdb->db, kName), std::vector<std::string>{});
  EXPECT_EQ(client->post("/api/admin/privacy/requests/" + id + "/confirm", admin_token).status, 409);
  EXPECT_EQ(client->post("/api/admin/privacy/requests/999/confirm", admin_token).status, 404);
  auto done = client->get("/api/admin/privacy/requests?status=done", admin_token).json();
  EXPECT_EQ(done.at("items").at(0).at("username").as_string(), "erased:" + std::to_string(done.at("items").at(0).at("user_id").as_int64()));
}

TEST_P(Privacy, RacingRequestsOpenOneAndRacingConfirmationsEraseOnce) {
  const auto holder = signup("zoe-p", kEmail, kName);
  std::mutex m;
  std::set<std::int64_t> ids;
  std::atomic<int> other{0};
  race(8, [&](int) {
    HttpClient c(port);
    const auto r = c.post("/api/me/privacy/erase-request", holder);
    if (r.status != 200) {
      ++other;
      return;
    }
    std::lock_guard lock(m);
    ids.insert(r.json().at("id").as_int64());
  });
  EXPECT_EQ(other.load(), 0);
  ASSERT_EQ(ids.size(), 1u) << "one open request per account";
  EXPECT_EQ(client->get("/api/admin/logs?action=privacy.erase_request", admin_token).json().at("total").as_int64(), 1);

  std::atomic<int> done{0}, refused{0};
  race(4, [&](int) {
    HttpClient c(port);
    const auto r = c.post("/api/admin/privacy/requests/" + std::to_string(*ids.begin()) + "/confirm", admin_token);
    (r.status == 200 ? done : r.status == 409 ? refused : other)++;
  });
  EXPECT_EQ(done.load(), 1);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(client->get("/api/admin/logs?action=privacy.erase", admin_token).json().at("total").as_int64(), 1);
}

TEST_P(Privacy, AnUnverifiedAccountsRequestErasesOnlyTheAccount) {
  // Anyone can sign up with someone else's address: until it is verified, it is not theirs.
  const auto event = create_event_http({{"name", "Other Fest"}});
  ASSERT_EQ(client->post_json("/api/register", {{"event_id", event}, {"name", kName}, {"email", kEmail}}).status, 201);
  const auto impostor = signup("not-zoe", kEmail, "Not Her", /*verify=*/false);
  auto asked = client->post("/api/me/privacy/erase-request", impostor);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_FALSE(asked.json().at("email_verified").as_bool());
  auto confirmed = client->post("/api/admin/privacy/requests/" + std::to_string(asked.json().at("id").as_int64()) + "/confirm",
                                admin_token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json().at("erased").at("accounts").as_int64(), 1);
  EXPECT_EQ(confirmed.json().at("erased").at("registrations").as_int64(), 0);
  const auto left = columns_containing(*tdb->db, kName);
  EXPECT_NE(std::find(left.begin(), left.end(), "registrations.name"), left.end()) << "the real Zoë's registration stays";
  EXPECT_EQ(columns_containing(*tdb->db, "Not Her"), std::vector<std::string>{});
}

class PrivacyRetention : public Privacy {
 protected:
  static constexpr Millis kStart = 1'780'000'000'000;  // 2026-05-28
  static constexpr Millis kDay = 24 * 3600 * 1000LL;
  void SetUp() override {
    ApiFixture::SetUp();
    start_on_test_clock(kStart);
    scanner = token_for_new_user("gate1", "scanner");
  }
};

TEST_P(PrivacyRetention, HousekeepingErasesAnEventsPeopleDaysAfterItEnds) {
  const auto ends = kStart + 3600'000;
  auto created = client->post_json("/api/events",
                                   {{"name", "Kept Two Days"},
                                    {"requires_approval", false},
                                    {"ends_at", format_iso8601(ends)},
                                    {"personal_data_retention_days", 2}},
                                   admin_token);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto event = created.json().at("id").as_int64();
  EXPECT_EQ(created.json().at("personal_data_erase_at").as_string(), format_iso8601(ends + 2 * kDay));
  EXPECT_TRUE(created.json().at("personal_data_erased_at").is_null());
  const auto other = create_event_http({{"name", "Kept Forever"}});
  EXPECT_TRUE(client->get("/api/events/" + std::to_string(other), admin_token).json().at("personal_data_erase_at").is_null());

  auto reg = client->post_json("/api/register", {{"event_id", event}, {"name", kName}, {"email", kEmail}, {"phone", kPhone}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto serial = str(reg.json().at("ticket"), "serial");
  ASSERT_EQ(client->post_json("/api/register", {{"event_id", other}, {"name", "Otto Kept"}, {"email", "otto@example.com"}}).status,
            201);
  auto admitted = client->post_json("/api/mark-used/" + serial, {{"event_id", event}, {"note", "with " + kName}}, scanner);
  ASSERT_EQ(admitted.status, 200) << admitted.body;
  auto attendance_before = client->get("/api/events/" + std::to_string(event) + "/attendance", admin_token).json();
  attendance_before.as_object().erase("generated_at");

  clock_ms = ends + 2 * kDay - 1;
  EXPECT_EQ(app::run_housekeeping(*ctx).events_personal_data_erased, 0);
  EXPECT_FALSE(columns_containing(*tdb->db, kName).empty());

  clock_ms = ends + 2 * kDay;
  EXPECT_EQ(app::run_housekeeping(*ctx).events_personal_data_erased, 1);
  admin_token = login("admin", "admin-password-123");  // two days on: the sessions of the day have ended
  scanner = login("gate1", "password-for-gate1");
  EXPECT_EQ(app::run_housekeeping(*ctx).events_personal_data_erased, 0) << "once";
  EXPECT_EQ(columns_containing(*tdb->db, kName), std::vector<std::string>{});
  EXPECT_EQ(columns_containing(*tdb->db, kEmail), std::vector<std::string>{});
  EXPECT_EQ(columns_containing(*tdb->db, kPhone), std::vector<std::string>{});
  EXPECT_FALSE(columns_containing(*tdb->db, "Otto Kept").empty()) << "another event's people stay";
  auto after = client->get("/api/events/" + std::to_string(event), admin_token).json();
  EXPECT_EQ(after.at("personal_data_erased_at").as_string(), format_iso8601(ends + 2 * kDay));
  auto attendance_after = client->get("/api/events/" + std::to_string(event) + "/attendance", admin_token).json();
  attendance_after.as_object().erase("generated_at");
  EXPECT_EQ(attendance_after, attendance_before);
  EXPECT_EQ(at_gate(serial, event), "already_used");
  auto logs = client->get("/api/admin/logs?action=privacy.retention_erase", admin_token).json();
  ASSERT_EQ(logs.at("items").as_array().size(), 1u);
  EXPECT_EQ(logs.at("items").at(0).at("actor").as_string(), "system");
  ctx->audit_queue.flush();
  app::audit::seal_committed(*tdb->db, [this] { return ctx->now(); }, true);
  const auto chain = app::audit::verify_chain(*tdb->db);
  EXPECT_TRUE(chain.ok) << chain.reason << " (row " << chain.bad_row_id.value_or(0) << ")";
  EXPECT_EQ(chain.redacted, logs.at("items").at(0).at("details").at("audit_entries").as_int64());
}

TEST_P(PrivacyRetention, TheRetentionIsValidatedAndCanBeCleared) {
  const auto event = create_event_http({{"name", "E"}});
  for (const json::value bad : {json::value(-1), json::value(3651), json::value("ten"), json::value(1.5)}) {
    auto r = client->patch_json("/api/events/" + std::to_string(event), {{"personal_data_retention_days", bad}}, admin_token);
    EXPECT_EQ(r.status, 400) << json::serialize(bad);
    EXPECT_TRUE(r.json().at("error").at("fields").as_object().contains("personal_data_retention_days")) << r.body;
  }
  auto set = client->patch_json("/api/events/" + std::to_string(event), {{"personal_data_retention_days", 30}}, admin_token);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("personal_data_retention_days").as_int64(), 30);
  EXPECT_TRUE(set.json().at("personal_data_erase_at").is_null()) << "no start or end: no date";
  auto dated = client->patch_json("/api/events/" + std::to_string(event), {{"starts_at", format_iso8601(kStart)}}, admin_token);
  EXPECT_EQ(dated.json().at("personal_data_erase_at").as_string(), format_iso8601(kStart + 30 * kDay)) << "no end: the start";
  auto cleared = client->patch_json("/api/events/" + std::to_string(event), {{"personal_data_retention_days", nullptr}}, admin_token);
  EXPECT_TRUE(cleared.json().at("personal_data_retention_days").is_null());
  EXPECT_TRUE(cleared.json().at("personal_data_erase_at").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, Privacy, ::testing::ValuesIn(backends()), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, PrivacyRetention, ::testing::ValuesIn(backends()), backend_name);
