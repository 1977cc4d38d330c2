// Ticket search (issue 20, item 4): the ticket list's `q` finds holders and buyers by name or
// address, case- and accent-insensitive beyond ASCII, and serials as typed at a desk, on both
// databases, through the indexes (SQLite FTS5 kept current after the write; PostgreSQL trigrams).
// A search finds the tickets issued or sold a moment before it, however many writers race it.
#include <atomic>
#include <set>

#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class TicketSearch : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Hall"}, {"serial_prefix", "HL2027"}});
  }
  std::string tickets_path(const std::string& query) {
    return "/api/events/" + std::to_string(event_id) + "/tickets" + query;
  }
  // Registers and approves; returns the serial.
  std::string issue(HttpClient& c, const std::string& name, const std::string& email) {
    auto r = c.post_json("/api/register", {{"event_id", event_id}, {"name", name}, {"email", email}});
    EXPECT_EQ(r.status, 201) << r.body;
    auto a = c.post("/api/admin/approve/" + std::to_string(r.json().at("id").as_int64()), admin_token);
    EXPECT_EQ(a.status, 200) << a.body;
    return str(a.json().at("ticket"), "serial");
  }
  std::set<std::string> found(HttpClient& c, const std::string& q, const std::string& more = "") {
    auto r = c.get(tickets_path("?limit=200&q=" + url_encode(q) + more), admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::set<std::string> serials;
    const auto body = r.json();
    for (const auto& item : body.at("items").as_array()) serials.insert(std::string(item.at("serial").as_string()));
    EXPECT_EQ(body.at("total").as_int64(), static_cast<std::int64_t>(serials.size())) << q;
    return serials;
  }
  std::set<std::string> found(const std::string& q, const std::string& more = "") { return found(*client, q, more); }
  std::int64_t create_type() {
    auto r = client->post_json("/api/events/" + std::to_string(event_id) + "/ticket-types",
                               {{"name", "Standing"}, {"price", "20.00"}}, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }
  void generate(std::int64_t type, std::int64_t count) {
    auto r = client->post_json("/api/events/" + std::to_string(event_id) + "/tickets/generate",
                               {{"count", count}, {"ticket_type_id", type}}, admin_token);
    ASSERT_EQ(r.status, 202) << r.body;
    ctx->jobs.wait_idle();
  }
  std::set<std::string> sell(std::int64_t type, std::int64_t quantity, const std::string& buyer, const std::string& email) {
    auto r = client->post_json("/api/events/" + std::to_string(event_id) + "/sell",
                               {{"ticket_type_id", type}, {"buyer_name", buyer}, {"buyer_email", email}, {"quantity", quantity}},
                               admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    std::set<std::string> serials;
    const auto body = r.json();  // kept: a range over a temporary's array would dangle
    for (const auto& t : body.at("tickets").as_array()) serials.insert(std::string(t.at("serial").as_string()));
    return serials;
  }
};

using Serials = std::set<std::string>;

TEST_P(TicketSearch, FindsHoldersBuyersAndTypedSerialsWhateverTheCaseAndAccents) {
  const auto zoe = issue(*client, "Zoë Ünal", "zoe.unal@example.com");
  const auto dmitri = issue(*client, "Дмитрий Петров", "dmitri@example.org");
  const auto jurgen = issue(*client, "Jürgen Müller", "jm@beispiel.de");
  EXPECT_EQ(found("zoe unal"), Serials{zoe});
  EXPECT_EQ(found("ÜNAL"), Serials{zoe});
  EXPECT_EQ(found("muller"), Serials{jurgen});
  EXPECT_EQ(found("ДМИТРИЙ"), Serials{dmitri}) << "case folding beyond ASCII and Latin";
  EXPECT_EQ(found("beispiel"), Serials{jurgen});
  EXPECT_EQ(found("example"), (Serials{zoe, dmitri}));
  EXPECT_EQ(found("nobody-here"), Serials{});
  EXPECT_EQ(found("\"*)(&"), Serials{}) << "search syntax is never passed through";

  // Serials as a desk types them: the full serial, lower case, spaced, or only the number.
  EXPECT_EQ(found(zoe), Serials{zoe});
  EXPECT_EQ(found("hl2027 - " + dmitri.substr(dmitri.size() - 6)), Serials{dmitri});
  EXPECT_EQ(found(std::to_string(std::stoi(jurgen.substr(jurgen.size() - 6)))), Serials{jurgen});
  EXPECT_EQ(found("HL2026-000001"), Serials{}) << "another prefix is another event's ticket";
  // A number alone means that serial, not every address with those digits in it.
  const auto fan = issue(*client, "Number Fan", "2fan@fans.test");
  EXPECT_EQ(found("2"), Serials{dmitri});
  EXPECT_EQ(found("2fan"), Serials{fan});

  // Filters still apply to what the search finds; the total counts every match on every page.
  EXPECT_EQ(found("example", "&status=used"), Serials{});
  for (const char* page : {"&limit=1", "&limit=1&offset=1", "&limit=1&offset=5"}) {
    const auto body = client->get(tickets_path("?q=example" + std::string(page)), admin_token).json();
    EXPECT_EQ(body.at("total").as_int64(), 2) << page;
    EXPECT_EQ(body.at("items").as_array().size(), std::string(page).ends_with("5") ? 0u : 1u) << page;
  }
  EXPECT_EQ(client->get(tickets_path("?q=" + std::string(300, 'x')), admin_token).status, 400);
}

TEST_P(TicketSearch, BuyersAreFoundWhetherTheyBoughtBeforeOrAfterTheTicketsWereIndexed) {
  const auto type = create_type();
  generate(type, 6);
  // Sold before any search: the sold rows are indexed with their buyer when a search comes.
  const auto first = sell(type, 2, "Bea Šimková", "bea@example.com");
  EXPECT_EQ(found("simkova"), first);
  EXPECT_EQ(found("Standing"), Serials{}) << "generated tickets nobody bought match no name";
  // Sold after the tickets were indexed (the search above indexed all six): the sale's change of
  // the already-indexed rows is what puts the buyer in the index.
  const auto second = sell(type, 3, "Carl Öberg", "carl@example.net");
  EXPECT_EQ(found("oberg"), second);
  EXPECT_EQ(found("carl@example.net"), second);
  EXPECT_EQ(found("simkova"), first) << "the first sale's tickets did not move";
}

TEST_P(TicketSearch, EverySearchFindsTheTicketItsCallerWasJustIssuedWhileOthersWrite) {
  // Each thread is a desk clerk: approves a registration, then at once searches for its holder.
  // The indexing after the write must never let the search miss a ticket acknowledged before it.
  constexpr int kClerks = 8, kRounds = 5;
  std::atomic<int> found_ok{0}, missed{0};
  race(kClerks, [&](int clerk) {
    HttpClient c(port);
    for (int round = 0; round < kRounds; ++round) {
      const std::string name = "Clerk" + std::to_string(clerk) + "x" + std::to_string(round) + " Guest";
      const auto serial = issue(c, name, "c" + std::to_string(clerk) + "r" + std::to_string(round) + "@example.com");
      (found(c, name) == Serials{serial} ? found_ok : missed)++;
    }
  });
  EXPECT_EQ(missed.load(), 0);
  EXPECT_EQ(found_ok.load(), kClerks * kRounds);
  EXPECT_EQ(found("guest").size(), static_cast<std::size_t>(kClerks * kRounds));
}

INSTANTIATE_TEST_SUITE_P(Backends, TicketSearch, ::testing::ValuesIn(backends()), backend_name);
