// Handing tickets over at the box office and while mail is off (issue 21, items 1-2), on both
// databases: a sale's tickets listed by sale, a fresh ticket link on demand (earlier links keep
// working, audited, budgeted), and a queued message's preview without its bearer links.
#include <algorithm>
#include <set>
#include <vector>

#include "app/outbox.hpp"
#include "app/ticket_links.hpp"
#include "domain/crypto.hpp"
#include "store/outbox_repo.hpp"
#include "support/api_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class Handover : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  std::int64_t type_id = 0;

  void tune_config(app::Config& c) override { c.mail.public_url = "https://tickets.example.org"; }
  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Harbour Concert"}, {"venue", "Pier 4"}, {"starts_at", "2026-08-01T19:00:00Z"}});
    auto t = client->post_json(path("/ticket-types"), {{"name", "Standing"}, {"price", "30.00"}}, admin_token);
    EXPECT_EQ(t.status, 201) << t.body;
    type_id = t.json().at("id").as_int64();
    auto g = client->post_json(path("/tickets/generate"), {{"count", 6}, {"ticket_type_id", type_id}}, admin_token);
    EXPECT_EQ(g.status, 202) << g.body;
    ctx->jobs.wait_idle();
  }
  std::string path(const std::string& rest) { return "/api/events/" + std::to_string(event_id) + rest; }
  json::object sell(std::int64_t quantity, const std::string& email) {
    auto r = client->post_json(path("/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Bea Buyer"},
                                               {"buyer_email", email}, {"quantity", quantity}}, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }
  static std::string token_of(const std::string& url) { return url.substr(url.rfind("/t/") + 3); }
};

TEST_P(Handover, ASalesTicketsAreListedBySale) {
  const auto first = sell(3, "bea@example.com");
  const auto second = sell(2, "bob@example.com");
  const auto sale_id = first.at("id").as_int64();
  auto r = client->get(path("/tickets?sale_id=" + std::to_string(sale_id)), admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  ASSERT_EQ(body.at("total").as_int64(), 3);
  std::set<std::string> listed, sold;
  for (const auto& t : body.at("items").as_array()) listed.insert(str(t, "serial"));
  for (const auto& t : first.at("tickets").as_array()) sold.insert(str(t, "serial"));
  EXPECT_EQ(listed, sold) << "exactly the first sale's tickets, not the second's";
  EXPECT_EQ(client->get(path("/tickets?sale_id=" + std::to_string(second.at("id").as_int64())), admin_token)
                .json().at("total").as_int64(), 2);

  auto bad = client->get(path("/tickets?sale_id=abc"), admin_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("sale_id")) << bad.body;
  // The box office (admins) prints a sold ticket; a viewer may look but not print.
  const auto serial = str(first.at("tickets").at(0), "serial");
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/ticket.pdf", admin_token).body.substr(0, 5), "%PDF-");
  const auto viewer = token_for_new_user("watcher", "viewer");
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/ticket.pdf", viewer).status, 403);
}

TEST_P(Handover, AFreshLinkOpensTheTicketAndEarlierLinksKeepWorking) {
  const auto sale = sell(1, "bea@example.com");
  const auto serial = str(sale.at("tickets").at(0), "serial");
  const auto mails = mailed("ticket_sold", "bea@example.com");
  ASSERT_EQ(mails.size(), 1u);
  const auto mailed_token = token_of(str(mails.at(0), "link_url"));

  auto r = client->post("/api/tickets/" + serial + "/links", admin_token);
  ASSERT_EQ(r.status, 201) << r.body;
  const auto link = r.json();
  const auto url = str(link, "url");
  EXPECT_EQ(url.rfind("https://tickets.example.org/t/", 0), 0u) << url;
  EXPECT_EQ(str(link, "path"), url.substr(url.rfind("/t/")));
  EXPECT_TRUE(link.at("expires_at").is_null());
  EXPECT_NE(token_of(url), mailed_token);

  auto page = client->get("/api/ticket-links/" + token_of(url));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(str(page.json(), "serial"), serial);
  EXPECT_EQ(client->get("/api/ticket-links/" + mailed_token).status, 200) << "the queued mail's link still works";

  auto logs = client->get("/api/admin/logs?action=ticket.link_issue", admin_token).json();
  ASSERT_EQ(logs.at("items").as_array().size(), 1u);
  EXPECT_EQ(str(logs.at("items").at(0), "entity_id"), serial);

  // Revoking still ends them all.
  ASSERT_EQ(client->post("/api/tickets/" + serial + "/links/revoke", admin_token).status, 200);
  EXPECT_EQ(client->get("/api/ticket-links/" + token_of(url)).status, 404);
}

// Link tokens begin with their creation time and are stored under a key that begins with it
// (domain/link_token.hpp): links made one after another are stored in order, a token whose time
// was changed opens nothing, and a link mailed before this form (its key the hash alone) still
// opens its ticket.
TEST_P(Handover, LinksAreStoredInTheOrderTheyWereMadeAndOlderLinksStillOpen) {
  const auto serial = str(sell(1, "bea@example.com").at("tickets").at(0), "serial");
  std::vector<std::string> tokens{token_of(str(mailed("ticket_sold", "bea@example.com").at(0), "link_url"))};
  for (int i = 0; i < 3; ++i) {
    auto r = client->post("/api/tickets/" + serial + "/links", admin_token);
    ASSERT_EQ(r.status, 201) << r.body;
    tokens.push_back(token_of(str(r.json(), "url")));
  }
  std::vector<std::string> keys;  // in the order the links were made
  std::int64_t ticket_id = 0, code_id = 0;
  ctx->db.read([&](store::Connection& c) {
    for (const auto& row : c.query("SELECT token_hash FROM ticket_links ORDER BY created_at", {}).rows)
      keys.push_back(row.text(0));
    const auto t = c.query("SELECT id, code_id FROM tickets WHERE serial = ?", {serial}).rows.at(0);
    ticket_id = t.integer(0), code_id = t.integer(1);
  });
  ASSERT_EQ(keys.size(), tokens.size());
  std::vector<std::string> times;
  for (const auto& k : keys) times.push_back(k.substr(0, 12));
  EXPECT_TRUE(std::is_sorted(times.begin(), times.end())) << "keys begin with the time the link was made";
  for (const auto& token : tokens) {
    const auto key = token.substr(0, 12) + ":" + crypto::sha256_hex(token);  // only a hash of the secret
    EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << token;
    EXPECT_EQ(client->get("/api/ticket-links/" + token).status, 200) << token;
  }
  auto other_time = tokens[0];
  other_time[0] = other_time[0] == '0' ? '1' : '0';
  EXPECT_EQ(client->get("/api/ticket-links/" + other_time).status, 404);
  EXPECT_EQ(client->get("/api/ticket-links/0000000000zz-abcdefghijklmnopqrstuvwxyz").status, 404);

  const std::string older = crypto::random_token(32);  // a link as mailed before the time digits
  ctx->db.write([&](store::Connection& c) {
    store::ticket_links::insert(c, crypto::sha256_hex(older), ticket_id, code_id, 1);
  });
  auto page = client->get("/api/ticket-links/" + older);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(str(page.json(), "serial"), serial);
}

TEST_P(Handover, OnlyAdminsGetLinksOfSoldTicketsWithinTheHourlyBudget) {
  const auto serial = str(sell(1, "bea@example.com").at("tickets").at(0), "serial");
  const auto viewer = token_for_new_user("watcher", "viewer");
  EXPECT_EQ(client->post("/api/tickets/" + serial + "/links", viewer).status, 403);
  EXPECT_EQ(client->post("/api/tickets/" + serial + "/links", "").status, 401);
  EXPECT_EQ(client->post("/api/tickets/NOPE-000001/links", admin_token).status, 404);

  // An unsold ticket has nobody to hand a link to; a void one would show a ticket that never gets in.
  auto unsold = client->get(path("/tickets?status=created&limit=1"), admin_token).json();
  const auto unsold_serial = str(unsold.at("items").at(0), "serial");
  auto refused = client->post("/api/tickets/" + unsold_serial + "/links", admin_token);
  EXPECT_EQ(refused.status, 409) << refused.body;
  ASSERT_EQ(client->post_json("/api/admin/tickets/" + serial + "/void", {{"reason", "test"}}, admin_token).status, 200);
  EXPECT_EQ(client->post("/api/tickets/" + serial + "/links", admin_token).status, 409);

  // The budget counts every link of the ticket made in the hour, the sale mail's too.
  const auto other = str(sell(1, "bob@example.com").at("tickets").at(0), "serial");
  int made = 0;
  for (; made < 30; ++made) {
    auto r = client->post("/api/tickets/" + other + "/links", admin_token);
    if (r.status != 201) {
      EXPECT_EQ(r.status, 429) << r.body;
      break;
    }
  }
  EXPECT_EQ(made, app::kLinksPerTicketHour - 1) << "20 an hour, one of them the sale mail's";
}

TEST_P(Handover, AQueuedMessageIsPreviewedWithoutItsLink) {
  const auto serial = str(sell(1, "bea@example.com").at("tickets").at(0), "serial");
  auto list = client->get("/api/admin/outbox", admin_token).json();
  const auto& items = list.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(str(items.at(0), "ticket_serial"), serial);
  EXPECT_EQ(str(items.at(0), "status"), "queued") << "no SMTP server is set in this test";
  const auto id = std::to_string(items.at(0).at("id").as_int64());

  auto r = client->get("/api/admin/outbox/" + id + "/preview", admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto p = r.json();
  EXPECT_EQ(str(p, "ticket_serial"), serial);
  EXPECT_EQ(str(p, "to_email"), "bea@example.com");
  EXPECT_NE(str(p, "subject").find(serial), std::string::npos) << str(p, "subject");
  const auto text = str(p, "text");
  EXPECT_NE(text.find("Harbour Concert"), std::string::npos) << text;
  EXPECT_NE(text.find("Pier 4"), std::string::npos) << text;
  EXPECT_NE(text.find(app::kHiddenLink), std::string::npos) << text;
  EXPECT_EQ(text.find("/t/"), std::string::npos) << "the ticket link is a credential: " << text;

  const auto viewer = token_for_new_user("watcher", "viewer");
  EXPECT_EQ(client->get("/api/admin/outbox/" + id + "/preview", viewer).status, 403);
  EXPECT_EQ(client->get("/api/admin/outbox/999999/preview", admin_token).status, 404);
  auto bad = client->get("/api/admin/outbox/abc/preview", admin_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("id")) << bad.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, Handover, ::testing::ValuesIn(backends()), backend_name);
