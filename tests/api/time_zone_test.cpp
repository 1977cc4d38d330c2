// Issue 24 (docs/languages.md): an event's time zone through the API, checked against the tz
// database, and the event's times and amounts in mails written in its zone, language and currency;
// on both databases.
#include "support/api_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class EventTimeZone : public ApiFixture {
 protected:
  std::string event_path(std::int64_t id, const std::string& rest = "") { return "/api/events/" + std::to_string(id) + rest; }
  static void expect_names_time_zone(const HttpResult& r) {
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json().at("error").at("code").as_string(), "invalid_time_zone") << r.body;
    EXPECT_TRUE(r.json().at("error").at("fields").as_object().contains("time_zone")) << r.body;
  }
};

TEST_P(EventTimeZone, IsStoredAndReturnedToAdminsAndThePublicAndDefaultsToUtc) {
  const auto berlin = create_event_http({{"name", "Sommerfest"}, {"serial_prefix", "SOF26"}, {"time_zone", "Europe/Berlin"},
                                         {"starts_at", "2026-06-21T18:00:00+02:00"}});
  EXPECT_EQ(str(client->get(event_path(berlin), admin_token).json(), "time_zone"), "Europe/Berlin");
  EXPECT_EQ(str(client->get(event_path(berlin)).json(), "time_zone"), "Europe/Berlin") << "public pages need it";
  bool listed = false;
  const auto list = client->get("/api/events").json();
  for (const auto& e : list.at("items").as_array())
    if (e.at("id").as_int64() == berlin) listed = str(e, "time_zone") == "Europe/Berlin";
  EXPECT_TRUE(listed);
  const auto plain = create_event_http({{"name", "Plain"}, {"serial_prefix", "PLN26"}});
  EXPECT_EQ(str(client->get(event_path(plain)).json(), "time_zone"), "UTC");
  auto moved = client->patch_json(event_path(plain), {{"time_zone", "America/New_York"}}, admin_token);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(str(moved.json(), "time_zone"), "America/New_York");
  EXPECT_EQ(str(client->get(event_path(plain)).json(), "time_zone"), "America/New_York");
}

TEST_P(EventTimeZone, AZoneTheDatabaseDoesNotKnowIsRefusedNamingTheField) {
  for (const char* bad : {"Europe/Atlantis", "CEST", "+02:00", "europe/berlin", "../../../etc/passwd", ""})
    expect_names_time_zone(client->post_json("/api/events", {{"name", "Bad"}, {"time_zone", bad}}, admin_token));
  expect_names_time_zone(client->post_json("/api/events", {{"name", "Long"}, {"time_zone", std::string(300, 'A')}}, admin_token));
  auto wrong_type = client->post_json("/api/events", {{"name", "Number"}, {"time_zone", 120}}, admin_token);
  EXPECT_EQ(wrong_type.status / 100, 4) << wrong_type.body;
  const auto id = create_event_http({{"name", "Kept"}, {"serial_prefix", "KPT26"}, {"time_zone", "Asia/Kolkata"}});
  expect_names_time_zone(client->patch_json(event_path(id), {{"time_zone", "Mars/Olympus_Mons"}}, admin_token));
  EXPECT_EQ(str(client->get(event_path(id), admin_token).json(), "time_zone"), "Asia/Kolkata") << "unchanged";
  // Only admins set it.
  const auto viewer = token_for_new_user("vera", "viewer");
  EXPECT_EQ(client->patch_json(event_path(id), {{"time_zone", "UTC"}}, viewer).status, 403);
}

// A German registration for a Berlin event: the mail says 18:00 CEST (not 16:00 UTC), and the
// holder's ticket answers carry the zone for the web app.
TEST_P(EventTimeZone, MailsShowTheEventsTimeInItsZoneAndTheHoldersLanguage) {
  const auto ev = create_event_http({{"name", "Sommerfest"}, {"serial_prefix", "SFB26"}, {"time_zone", "Europe/Berlin"},
                                     {"starts_at", "2026-06-21T16:00:00Z"}});
  auto reg = client->request("POST", "/api/register",
                             json::serialize(json::object{{"event_id", ev}, {"name", "Jana"}, {"email", "jana@example.com"}}),
                             {{"Content-Type", "application/json"}, {"Accept-Language", "de"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  EXPECT_EQ(str(mailed("registration_received", "jana@example.com").at(0), "starts_at"), "21. Juni 2026, 18:00 Uhr CEST");
  auto approved = client->post("/api/admin/approve/" + std::to_string(reg.json().at("id").as_int64()), admin_token);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(str(mailed("ticket_issued", "jana@example.com").at(0), "starts_at"), "21. Juni 2026, 18:00 Uhr CEST");

  // The same moment for a New York event in English, in winter and summer.
  const auto ny = create_event_http({{"name", "Gala"}, {"serial_prefix", "NYG26"}, {"time_zone", "America/New_York"},
                                     {"starts_at", "2026-12-04T23:30:00Z"}});
  register_http(ny, "Nora");
  EXPECT_EQ(str(mailed("registration_received", "a@example.com").at(0), "starts_at"), "4 December 2026, 18:30 EST");

  // The rendered mail, as the outbox preview shows it.
  std::int64_t message = 0;
  ctx->db.read([&](store::Connection& c) {
    for (const auto& m : store::outbox::list(c, std::nullopt, 100, 0).items)
      if (m.kind == "ticket_issued" && m.to_email == "jana@example.com") message = m.id;
  });
  ASSERT_NE(message, 0);
  const auto preview = client->get("/api/admin/outbox/" + std::to_string(message) + "/preview", admin_token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(str(preview.json(), "text").find("21. Juni 2026, 18:00 Uhr CEST"), std::string::npos) << preview.body;

  // The ticket link page carries the event's time and zone.
  const auto token = [&] {
    const auto link = str(mailed("ticket_issued", "jana@example.com").at(0), "link_url");
    return link.substr(link.rfind("/t/") + 3);
  }();
  const auto page = client->get("/api/ticket-links/" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(str(page.json(), "time_zone"), "Europe/Berlin");
  EXPECT_EQ(str(page.json(), "starts_at"), "2026-06-21T16:00:00.000Z");
}

// An approved refund's mail says what will be refunded, in the holder's language and the event's
// currency.
TEST_P(EventTimeZone, ARefundMailShowsTheAmountWithItsCurrencyInTheHoldersLanguage) {
  const auto ev = create_event_http({{"name", "Hafenkonzert"}, {"serial_prefix", "HAK26"}, {"currency", "EUR"}});
  auto type = client->post_json(event_path(ev, "/ticket-types"), {{"name", "Stehplatz"}, {"price", "1234.50"}}, admin_token);
  ASSERT_EQ(type.status, 201) << type.body;
  const auto type_id = type.json().at("id").as_int64();
  ASSERT_EQ(client->post_json(event_path(ev, "/tickets/generate"), {{"count", 2}, {"ticket_type_id", type_id}}, admin_token).status, 202);
  ctx->jobs.wait_idle();
  const auto sell = [&](const std::string& email, const std::string& lang) {
    auto r = client->post_json(event_path(ev, "/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Buyer"},
                                                          {"buyer_email", email}, {"quantity", 1}, {"locale", lang}},
                               admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return str(r.json().at("tickets").at(0), "serial");
  };
  const auto refund = [&](const std::string& serial) {
    auto asked = client->post_json("/api/refunds", {{"serial", serial}, {"reason", "cannot come"}}, admin_token);
    EXPECT_EQ(asked.status, 201) << asked.body;
    auto approved = client->post("/api/refunds/" + std::to_string(asked.json().at("id").as_int64()) + "/approve", admin_token);
    EXPECT_EQ(approved.status, 200) << approved.body;
  };
  refund(sell("de@example.com", "de"));
  refund(sell("en@example.com", "en"));
  const auto de = mailed("refund_decided", "de@example.com");
  ASSERT_EQ(de.size(), 1u);
  EXPECT_EQ(str(de.at(0), "amount"), "1.234,50\u00a0€");
  const auto en = mailed("refund_decided", "en@example.com");
  ASSERT_EQ(en.size(), 1u);
  EXPECT_EQ(str(en.at(0), "amount"), "€1,234.50");
}

INSTANTIATE_TEST_SUITE_P(Backends, EventTimeZone, ::testing::ValuesIn(backends()), backend_name);

// GATEPASS_DEFAULT_TIME_ZONE: the zone of an event created without one.
class EventTimeZoneDefault : public EventTimeZone {
 protected:
  void tune_config(app::Config& config) override { config.default_time_zone = "Europe/Lisbon"; }
};

TEST_P(EventTimeZoneDefault, NewEventsWithoutOneGetTheServersDefault) {
  const auto id = create_event_http({{"name", "Fado"}, {"serial_prefix", "FAD26"}});
  EXPECT_EQ(str(client->get(event_path(id)).json(), "time_zone"), "Europe/Lisbon");
  const auto own = create_event_http({{"name", "Own"}, {"serial_prefix", "OWN26"}, {"time_zone", "UTC"}});
  EXPECT_EQ(str(client->get(event_path(own)).json(), "time_zone"), "UTC");
}

INSTANTIATE_TEST_SUITE_P(Backends, EventTimeZoneDefault, ::testing::ValuesIn(backends()), backend_name);
