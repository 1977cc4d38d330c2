// Ticket-link pages behind a venue's shared address (issue 19): found links cost nothing, unknown
// ones come out of their own budget, and IPv6 clients are keyed by their /64.
#include "http/client_address.hpp"
#include "support/api_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;

TEST(BudgetKey, AnIpv6ClientIsItsSlash64AndIpv4ItsAddress) {
  using http::budget_key;
  EXPECT_EQ(budget_key("2001:db8:1:2:aaaa::1"), budget_key("2001:db8:1:2:ffff:eeee:dddd:cccc"))
      << "one subscriber picks any address in its /64";
  EXPECT_NE(budget_key("2001:db8:1:2::1"), budget_key("2001:db8:1:3::1"));
  EXPECT_EQ(budget_key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
  EXPECT_EQ(budget_key("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(budget_key("::ffff:192.0.2.7"), "192.0.2.7") << "a v4-mapped address is the v4 client";
  EXPECT_EQ(budget_key("not an address"), "not an address");
}

class LinkBudget : public ApiFixture {
  void tune_config(app::Config& c) override {
    c.public_writes_per_minute = 5;
    c.link_misses_per_minute = 5;
  }
};

TEST_P(LinkBudget, FoundLinksAreFreeAndOnlyUnknownOnesCost) {
  const auto ev = create_event_http({{"name", "Queue at the door"}, {"requires_approval", false}});
  auto reg = client->post_json("/api/register", {{"event_id", ev}, {"name", "Ida"}, {"email", "ida@example.com"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto link = str(mailed("ticket_issued", "ida@example.com").at(0), "link_url");
  const auto token = link.substr(link.find("/t/") + 3);

  // A whole queue behind one address opens its tickets: far more than any anonymous budget.
  for (int i = 0; i < 40; ++i) ASSERT_EQ(client->get("/api/ticket-links/" + token).status, 200) << i;
  EXPECT_EQ(client->get("/api/ticket-links/" + token + "/ticket.pdf").status, 200);
  // Link reads do not eat the registration budget either (5 a minute here; one was used above).
  EXPECT_EQ(client->post_json("/api/register", {{"event_id", ev}, {"name", "Jo"}, {"email", "jo@example.com"}}).status, 201);

  // Guessing costs: 5 unknown links, then 429 with Retry-After, for found links too until it refills.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(client->get("/api/ticket-links/unknown-token-" + std::to_string(i) + "-0123456789abcdef").status, 404) << i;
  auto limited = client->get("/api/ticket-links/unknown-token-x-0123456789abcdef");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_TRUE(limited.headers.contains("retry-after"));
  EXPECT_EQ(client->get("/api/ticket-links/" + token).status, 429);
}

INSTANTIATE_TEST_SUITE_P(Backends, LinkBudget, ::testing::ValuesIn(backends()), backend_name);
