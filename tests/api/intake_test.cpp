// Registration intake (issue 21 item 9, docs/registration.md) over real HTTP on both databases:
// one registration per address unless the event allows more, duplicates marked for the reviewer,
// racing registrations of one address, the event's description and its sales channel.
#include <atomic>

#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class Intake : public ApiFixture {
 protected:
  HttpResult enrol(std::int64_t event_id, const std::string& email, const std::string& name = "Pat Doe") {
    return client->post_json("/api/register", {{"event_id", event_id}, {"name", name}, {"email", email}});
  }
  // The admin list's rows of one event, newest first.
  json::array rows_of(std::int64_t event_id) {
    auto r = client->get("/api/admin/registrations?event_id=" + std::to_string(event_id), admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    return body.at("items").as_array();
  }
};

TEST_P(Intake, ASecondRegistrationOfAnAddressIsRefusedWithTheFirstOnesDateAndReference) {
  const auto ev = create_event_http({{"name", "Conference"}});
  const auto first = enrol(ev, "sam@example.com");
  ASSERT_EQ(first.status, 201) << first.body;
  const auto first_id = first.json().at("id").as_int64();

  // Trimmed and without ASCII case: the same address.
  const auto again = enrol(ev, "  SAM@Example.COM ", "Somebody Else");
  ASSERT_EQ(again.status, 409) << again.body;
  const auto error = again.json().at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "already_registered");
  EXPECT_EQ(error.at("reference").as_int64(), first_id);
  const auto listed = rows_of(ev);
  ASSERT_EQ(listed.size(), 1u) << "the refused one is not stored";
  EXPECT_EQ(error.at("registered_at"), listed[0].at("created_at"));
  EXPECT_TRUE(error.at("fields").as_object().contains("email"));
  // Nothing of the first registration but its date and number: not its name, status or address.
  EXPECT_EQ(again.body.find("Pat Doe"), std::string::npos) << again.body;
  EXPECT_EQ(again.body.find("pending"), std::string::npos) << again.body;

  // Another event, or another address, is not a duplicate.
  const auto other = create_event_http({{"name", "Other"}});
  EXPECT_EQ(enrol(other, "sam@example.com").status, 201);
  EXPECT_EQ(enrol(ev, "sam2@example.com").status, 201);
}

TEST_P(Intake, ADeclineGivesThePlaceBack) {
  const auto ev = create_event_http({{"name", "Workshop"}});
  const auto first = enrol(ev, "kim@example.com").json().at("id").as_int64();
  auto declined = client->post_json("/api/admin/decline/" + std::to_string(first), {{"reason", "No proof of payment"}}, admin_token);
  ASSERT_EQ(declined.status, 200) << declined.body;
  const auto second = enrol(ev, "kim@example.com");
  ASSERT_EQ(second.status, 201) << second.body;
  const auto third = enrol(ev, "kim@example.com");
  ASSERT_EQ(third.status, 409) << third.body;
  EXPECT_EQ(third.json().at("error").at("reference").as_int64(), second.json().at("id").as_int64())
      << "the registration that counts, not the declined one";
}

TEST_P(Intake, WhereTheEventAllowsMoreTheyAreAcceptedAndMarkedDuplicates) {
  const auto ev = create_event_http({{"name", "Family Day"}, {"registrations_per_email", 3}});
  const auto a = enrol(ev, "fam@example.com", "Parent").json().at("id").as_int64();
  const auto b = enrol(ev, "Fam@example.com", "Child One").json().at("id").as_int64();
  const auto c = enrol(ev, "fam@example.com", "Child Two").json().at("id").as_int64();
  const auto lone = enrol(ev, "solo@example.com").json().at("id").as_int64();
  const auto fourth = enrol(ev, "fam@example.com", "Child Three");
  ASSERT_EQ(fourth.status, 409) << fourth.body;
  EXPECT_EQ(fourth.json().at("error").at("reference").as_int64(), a);

  std::map<std::int64_t, json::object> by_id;
  for (const auto& row : rows_of(ev)) by_id[row.at("id").as_int64()] = row.as_object();
  ASSERT_EQ(by_id.size(), 4u);
  EXPECT_TRUE(by_id[a].at("duplicate_of").is_null());
  EXPECT_EQ(by_id[b].at("duplicate_of").as_int64(), a);
  EXPECT_EQ(by_id[c].at("duplicate_of").as_int64(), a);
  EXPECT_TRUE(by_id[lone].at("duplicate_of").is_null());
  for (const auto id : {a, b, c}) EXPECT_EQ(by_id[id].at("duplicate_count").as_int64(), 3) << id;
  EXPECT_EQ(by_id[lone].at("duplicate_count").as_int64(), 1);

  // No limit at all: 0.
  const auto open = create_event_http({{"name", "Open House"}, {"registrations_per_email", 0}});
  for (int i = 0; i < 4; ++i) EXPECT_EQ(enrol(open, "any@example.com").status, 201) << i;
  EXPECT_EQ(rows_of(open).at(0).at("duplicate_count").as_int64(), 4);
}

TEST_P(Intake, RacingRegistrationsOfOneAddressEndWithOne) {
  const auto ev = create_event_http({{"name", "Popular"}});
  const auto two = create_event_http({{"name", "Pairs"}, {"registrations_per_email", 2}});
  std::atomic<int> created{0}, refused{0}, other{0};
  std::atomic<int> created_two{0}, refused_two{0};
  race(24, [&](int i) {
    HttpClient c(port);
    const auto target = i % 2 ? two : ev;
    const auto r = c.post_json("/api/register", {{"event_id", target}, {"name", "R"}, {"email", "race@example.com"}});
    if (target == ev) (r.status == 201 ? created : r.status == 409 ? refused : other)++;
    else (r.status == 201 ? created_two : r.status == 409 ? refused_two : other)++;
    if (r.status == 409) {
      EXPECT_EQ(r.json().at("error").at("code").as_string(), "already_registered") << r.body;
    }
  });
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(refused.load(), 11);
  EXPECT_EQ(created_two.load(), 2);
  EXPECT_EQ(refused_two.load(), 10);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(rows_of(ev).size(), 1u);
  const auto pairs = rows_of(two);
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[0].at("duplicate_of").as_int64(), pairs[1].at("id").as_int64()) << "the later one names the first";
}

TEST_P(Intake, EventsTakeADescriptionShownToHolders) {
  const std::string text = "Doors open at 18:00.\nBring your student card.";
  const auto ev = create_event_http({{"name", "Gala"}, {"description", text}});
  auto got = client->get("/api/events/" + std::to_string(ev));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.json().at("description").as_string(), text) << "public: the form shows it";
  EXPECT_EQ(got.json().at("sales_channel").as_string(), "both");
  EXPECT_EQ(got.json().at("registrations_per_email").as_int64(), 1);

  // The ticket link page shows it with the ticket.
  const auto id = register_http(ev);
  ASSERT_EQ(client->post("/api/admin/approve/" + std::to_string(id), admin_token).status, 200);
  const auto mails = mailed("ticket_issued", "a@example.com");
  ASSERT_FALSE(mails.empty());
  const auto link = str(mails.back(), "link_url");
  const auto token = link.substr(link.find("/t/") + 3);
  auto page = client->get("/api/ticket-links/" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json().at("event_description").as_string(), text);

  // Bad values name the field; null clears.
  auto too_long = client->patch_json("/api/events/" + std::to_string(ev), {{"description", std::string(2001, 'x')}}, admin_token);
  EXPECT_EQ(too_long.status, 400);
  EXPECT_TRUE(too_long.json().at("error").at("fields").as_object().contains("description")) << too_long.body;
  auto control = client->patch_json("/api/events/" + std::to_string(ev), {{"description", std::string("a\x01") + "b"}}, admin_token);
  EXPECT_EQ(control.status, 400);
  auto cleared = client->patch_json("/api/events/" + std::to_string(ev), {{"description", nullptr}}, admin_token);
  ASSERT_EQ(cleared.status, 200);
  EXPECT_TRUE(cleared.json().at("description").is_null());
  for (const auto& [field, value] : std::vector<std::pair<const char*, json::value>>{
           {"sales_channel", "online"}, {"registrations_per_email", -1}, {"registrations_per_email", 1001}}) {
    auto bad = client->patch_json("/api/events/" + std::to_string(ev), {{field, value}}, admin_token);
    EXPECT_EQ(bad.status, 400) << field;
    EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains(field)) << bad.body;
  }
}

TEST_P(Intake, TheSalesChannelDecidesWhereTicketsAreOffered) {
  const auto concert = create_event_http({{"name", "Concert"}, {"sales_channel", "box_office"}});
  auto refused = enrol(concert, "fan@example.com");
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.json().at("error").at("code").as_string(), "wrong_sales_channel");
  EXPECT_TRUE(refused.json().at("error").at("fields").as_object().contains("event_id"));
  EXPECT_TRUE(rows_of(concert).empty());

  // The box office sells a box-office event and refuses a registration-only one.
  int types = 0;
  const auto sell_at = [&](std::int64_t ev) {
    auto type = client->post_json("/api/events/" + std::to_string(ev) + "/ticket-types",
                                  {{"name", "Standard " + std::to_string(++types)}, {"price", "20.00"}}, admin_token);
    EXPECT_EQ(type.status, 201) << type.body;
    const auto type_id = type.json().at("id").as_int64();
    auto gen = client->post_json("/api/events/" + std::to_string(ev) + "/tickets/generate", {{"count", 2}, {"ticket_type_id", type_id}},
                                 admin_token);
    EXPECT_EQ(gen.status, 202) << gen.body;
    ctx->jobs.wait_idle();
    return client->post_json("/api/events/" + std::to_string(ev) + "/sell",
                             {{"ticket_type_id", type_id}, {"buyer_name", "Bea"}, {"buyer_email", "bea@example.com"}, {"quantity", 1}},
                             admin_token);
  };
  EXPECT_EQ(sell_at(concert).status, 201);
  const auto workshop = create_event_http({{"name", "Workshop"}, {"sales_channel", "registration"}});
  EXPECT_EQ(enrol(workshop, "learner@example.com").status, 201);
  auto not_sold = sell_at(workshop);
  ASSERT_EQ(not_sold.status, 409) << not_sold.body;
  EXPECT_EQ(not_sold.json().at("error").at("code").as_string(), "wrong_sales_channel");
  // Opened to both, it sells.
  ASSERT_EQ(client->patch_json("/api/events/" + std::to_string(workshop), {{"sales_channel", "both"}}, admin_token).status, 200);
  EXPECT_EQ(sell_at(workshop).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Backends, Intake, ::testing::ValuesIn(backends()), backend_name);
