// Issue 24 (docs/languages.md): organisers' texts per language through the API, the language a
// read is answered in, and the language stored with a sale or a sign-up; on both databases.
#include <fstream>

#include "store/users_repo.hpp"
#include "support/api_fixture.hpp"
#include "support/run_command.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class OrganiserTexts : public ApiFixture {
 protected:
  std::int64_t event_id = 0;

  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Summer Fest"},
                                  {"serial_prefix", "SUM26"},
                                  {"description", "Music by the sea"},
                                  {"mail_text", "Doors open at 17:30."},
                                  {"name_i18n", {{"en", "Summer Fest"}, {"de", "Sommerfest"}, {"fr", "Fête d'été"}}},
                                  {"description_i18n", {{"en", "Music by the sea"}, {"de", "Musik am Meer"}}},
                                  {"mail_text_i18n", {{"en", "Doors open at 17:30."}, {"de", "Einlass ab 17:30 Uhr."}}}});
  }
  std::string event_path(const std::string& rest = "") { return "/api/events/" + std::to_string(event_id) + rest; }
  // A public read with an Accept-Language header (none when empty).
  json::object read(const std::string& target, const std::string& accept_language) {
    std::map<std::string, std::string> headers;
    if (!accept_language.empty()) headers["Accept-Language"] = accept_language;
    auto r = client->request("GET", target, "", headers);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  std::string pdf_text(const std::string& pdf) {
    const auto path = temp_dir() + "/ticket.pdf";
    std::ofstream(path, std::ios::binary) << pdf;
    return run_command("pdftotext -enc UTF-8 " + path + " -");
  }
};

TEST_P(OrganiserTexts, PublicReadsAnswerInTheAskedLanguageInTheContractsOrder) {
  const auto e = [&](const std::string& query, const std::string& al) { return read(event_path(query), al); };
  auto de = e("", "de-AT, de;q=0.9, en;q=0.5");
  EXPECT_EQ(de.at("name").as_string(), "Sommerfest") << "de-AT is de";
  EXPECT_EQ(de.at("description").as_string(), "Musik am Meer");
  EXPECT_EQ(de.at("locale").as_string(), "de");
  EXPECT_FALSE(de.contains("name_i18n")) << "the maps are for admins";
  EXPECT_EQ(e("?locale=fr", "de").at("name").as_string(), "Fête d'été") << "?locale= before Accept-Language";
  EXPECT_EQ(e("?locale=fr", "de").at("locale").as_string(), "fr");
  auto es = e("", "es");
  EXPECT_EQ(es.at("name").as_string(), "Summer Fest") << "no Spanish text: the default locale's";
  EXPECT_EQ(es.at("locale").as_string(), "en");
  EXPECT_EQ(e("", "tlh, *").at("locale").as_string(), "en") << "unknown: the event's default";
  EXPECT_EQ(e("?locale=xx", "").at("locale").as_string(), "en");
  // The list answers each event in the asked language too.
  auto list = read("/api/events", "de");
  bool found = false;
  for (const auto& item : list.at("items").as_array())
    if (item.at("id").as_int64() == event_id) {
      found = true;
      EXPECT_EQ(item.at("name").as_string(), "Sommerfest");
    }
  EXPECT_TRUE(found);
  // A German default: a visitor without a German-or-English choice reads German.
  ASSERT_EQ(client->patch_json(event_path(), {{"default_locale", "de"}}, admin_token).status, 200);
  EXPECT_EQ(e("", "es").at("name").as_string(), "Sommerfest");
  EXPECT_EQ(e("", "es").at("locale").as_string(), "de");
}

TEST_P(OrganiserTexts, AdminsReadTheStoredTextsAndTheMapsAndThePlainFieldIsTheDefaultLocales) {
  auto admin = client->request("GET", event_path(), "", {{"Authorization", "Bearer " + admin_token}, {"Accept-Language", "de"}}).json();
  EXPECT_EQ(admin.at("name").as_string(), "Summer Fest") << "admins edit what is stored";
  EXPECT_EQ(admin.at("name_i18n").at("de").as_string(), "Sommerfest");
  EXPECT_EQ(admin.at("default_locale").as_string(), "en");
  // Writing the plain name sets the default locale's text.
  auto patched = client->patch_json(event_path(), {{"name", "Summer Festival"}}, admin_token);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("name_i18n").at("en").as_string(), "Summer Festival");
  EXPECT_EQ(patched.json().at("name_i18n").at("de").as_string(), "Sommerfest");
  EXPECT_EQ(read(event_path(), "en").at("name").as_string(), "Summer Festival");
  // A map replaces the stored one; its default entry becomes the plain field.
  patched = client->patch_json(event_path(), {{"name_i18n", {{"en", "Beach Fest"}, {"es", "Fiesta de playa"}}}}, admin_token);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("name").as_string(), "Beach Fest");
  EXPECT_FALSE(patched.json().at("name_i18n").as_object().contains("de"));
  EXPECT_EQ(read(event_path(), "es").at("name").as_string(), "Fiesta de playa");
}

TEST_P(OrganiserTexts, BadTranslationsAre422NamingTheEntry) {
  const auto refused = [&](const json::object& body, const std::string& field) {
    auto r = client->patch_json(event_path(), body, admin_token);
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json().at("error").at("code").as_string(), "invalid_translation") << r.body;
    EXPECT_TRUE(r.json().at("error").at("fields").as_object().contains(field)) << field << ": " << r.body;
  };
  refused({{"name_i18n", {{"de", "Sommerfest"}}}}, "name_i18n.en");
  refused({{"name_i18n", {{"en", "Summer Fest"}, {"it", "Festa d'estate"}}}}, "name_i18n.it");
  refused({{"description_i18n", {{"en", "x"}, {"de", std::string(2001, 'x')}}}}, "description_i18n.de");
  refused({{"mail_text_i18n", {{"en", " "}}}}, "mail_text_i18n.en");
  // A new default needs its entry in every map the event has (the French name is there).
  refused({{"default_locale", "fr"}, {"description_i18n", {{"en", "x"}, {"fr", "y"}}}}, "mail_text_i18n.fr");
  refused({{"name", "Summer Fest"}, {"name_i18n", {{"de", "Sommerfest"}}}}, "name_i18n.en");
  auto bad_locale = client->patch_json(event_path(), {{"default_locale", "it"}}, admin_token);
  EXPECT_EQ(bad_locale.status, 400) << bad_locale.body;
  auto not_texts = client->patch_json(event_path(), {{"name_i18n", "Sommerfest"}}, admin_token);
  EXPECT_EQ(not_texts.status, 400) << not_texts.body;
  // Nothing of the refused writes was kept.
  auto admin = client->get(event_path(), admin_token).json();
  EXPECT_EQ(admin.at("name_i18n").at("de").as_string(), "Sommerfest");
  EXPECT_EQ(admin.at("default_locale").as_string(), "en");
  // Ticket types: the same rules.
  auto t = client->post_json(event_path("/ticket-types"), {{"name", "Early bird"}, {"price", "10"}, {"name_i18n", {{"de", "Frühbucher"}}}},
                             admin_token);
  EXPECT_EQ(t.status, 422) << t.body;
  EXPECT_TRUE(t.json().at("error").at("fields").as_object().contains("name_i18n.en")) << t.body;
}

TEST_P(OrganiserTexts, AGermanBuyersSaleMailAndPdfAreGermanWithTheGermanNamesAndTheHolderPagesToo) {
  auto type = client->post_json(event_path("/ticket-types"),
                                {{"name", "Early bird"}, {"price", "10"}, {"name_i18n", {{"en", "Early bird"}, {"de", "Frühbucher"}}}},
                                admin_token);
  ASSERT_EQ(type.status, 201) << type.body;
  EXPECT_EQ(type.json().at("name_i18n").at("de").as_string(), "Frühbucher");
  const auto type_id = type.json().at("id").as_int64();
  auto renamed = client->patch_json("/api/ticket-types/" + std::to_string(type_id), {{"name", "Early bird!"}}, admin_token);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json().at("name_i18n").at("en").as_string(), "Early bird!") << "the plain name is the default's";
  auto gen = client->post_json(event_path("/tickets/generate"), {{"count", 2}, {"ticket_type_id", type_id}}, admin_token);
  ASSERT_EQ(gen.status, 202) << gen.body;
  ctx->jobs.wait_idle();

  auto sold = client->post_json(event_path("/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Jana Weiß"},
                                                      {"buyer_email", "jana@example.com"}, {"quantity", 1}, {"locale", "de-CH"}},
                                admin_token);
  ASSERT_EQ(sold.status, 201) << sold.body;
  const auto mails = mailed("ticket_sold", "jana@example.com");
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].at("locale").as_string(), "de");
  EXPECT_EQ(mails[0].at("event_name").as_string(), "Sommerfest");
  EXPECT_EQ(mails[0].at("mail_text").as_string(), "Einlass ab 17:30 Uhr.");
  const std::string serial(sold.json().at("tickets").at(0).at("serial").as_string());
  const auto pdf = pdf_text(client->get("/api/tickets/" + serial + "/ticket.pdf", admin_token).body);
  EXPECT_NE(pdf.find("Sommerfest"), std::string::npos) << pdf;
  EXPECT_NE(pdf.find("Zeigen Sie diesen Code"), std::string::npos) << pdf;

  // Accept-Language when the body has none; an English buyer reads English.
  auto by_header = client->request("POST", event_path("/sell"),
                                   json::serialize(json::object{{"ticket_type_id", type_id}, {"buyer_name", "Ann"},
                                                                {"buyer_email", "ann@example.com"}, {"quantity", 1}}),
                                   {{"Authorization", "Bearer " + admin_token}, {"Content-Type", "application/json"},
                                    {"Accept-Language", "fr-BE"}});
  ASSERT_EQ(by_header.status, 201) << by_header.body;
  const auto fr = mailed("ticket_sold", "ann@example.com");
  ASSERT_EQ(fr.size(), 1u);
  EXPECT_EQ(fr[0].at("locale").as_string(), "fr");
  EXPECT_EQ(fr[0].at("event_name").as_string(), "Fête d'été");
  EXPECT_EQ(fr[0].at("mail_text").as_string(), "Doors open at 17:30.") << "no French mail text: the default's";
}

TEST_P(OrganiserTexts, SignUpStoresTheLanguageAndTheHolderPagesSpeakIt) {
  auto r = client->post_json("/api/auth/register", {{"username", "jana"}, {"password", "password-of-jana"},
                                                    {"email", "jana@example.com"}, {"name", "Jana Weiß"}, {"locale", "de"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto verify = mailed("verify_email", "jana@example.com");
  ASSERT_EQ(verify.size(), 1u);
  EXPECT_EQ(verify[0].at("locale").as_string(), "de") << "the account's mails use its language";
  const auto holder = std::string(r.json().at("access_token").as_string());
  std::optional<User> stored;
  ctx->db.read([&](store::Connection& c) { stored = store::users::find_by_username(c, store::users::Namespace::holder, "jana"); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->locale, std::optional<std::string>("de"));

  // Without a body locale: Accept-Language; neither: none stored (each event's default then).
  auto es = client->request("POST", "/api/auth/register",
                            json::serialize(json::object{{"username", "lola"}, {"password", "password-of-lola"},
                                                         {"email", "lola@example.com"}, {"name", "Lola"}}),
                            {{"Content-Type", "application/json"}, {"Accept-Language", "es-MX, en;q=0.5"}});
  ASSERT_EQ(es.status, 201) << es.body;
  EXPECT_EQ(mailed("verify_email", "lola@example.com").at(0).at("locale").as_string(), "es");

  // The holder's tickets in the asked language, names of the event and the ticket type included.
  verify_email("jana@example.com");
  auto type = client->post_json(event_path("/ticket-types"),
                                {{"name", "Early bird"}, {"price", "10"}, {"name_i18n", {{"en", "Early bird"}, {"de", "Frühbucher"}}}},
                                admin_token);
  const auto type_id = type.json().at("id").as_int64();
  client->post_json(event_path("/tickets/generate"), {{"count", 1}, {"ticket_type_id", type_id}}, admin_token);
  ctx->jobs.wait_idle();
  auto sold = client->post_json(event_path("/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Jana Weiß"},
                                                      {"buyer_email", "jana@example.com"}, {"quantity", 1}, {"holder_username", "jana"}},
                                admin_token);
  ASSERT_EQ(sold.status, 201) << sold.body;
  EXPECT_EQ(mailed("ticket_sold", "jana@example.com").at(0).at("locale").as_string(), "de") << "the account's language";
  auto mine = client->request("GET", "/api/me/tickets", "", {{"Authorization", "Bearer " + holder}, {"Accept-Language", "de"}}).json();
  ASSERT_EQ(mine.at("items").as_array().size(), 1u) << json::serialize(mine);
  const auto& card = mine.at("items").at(0);
  EXPECT_EQ(card.at("event_name").as_string(), "Sommerfest");
  EXPECT_EQ(card.at("event_description").as_string(), "Musik am Meer");
  EXPECT_EQ(card.at("ticket_type").as_string(), "Frühbucher");
  EXPECT_EQ(card.at("locale").as_string(), "de");
  auto en = client->request("GET", "/api/me/tickets?locale=en", "", {{"Authorization", "Bearer " + holder}, {"Accept-Language", "de"}}).json();
  EXPECT_EQ(en.at("items").at(0).at("ticket_type").as_string(), "Early bird");
}

TEST_P(OrganiserTexts, ANewDefaultLanguageNeedsEveryTicketTypesNameInItAndBecomesTheirPlainName) {
  const auto type = [&](const json::object& body) {
    auto r = client->post_json(event_path("/ticket-types"), body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  };
  const auto early = type({{"name", "Early bird"}, {"price", "10"}, {"name_i18n", {{"en", "Early bird"}, {"de", "Frühbucher"}}}});
  const auto adult = type({{"name", "Adult"}, {"price", "20"}, {"name_i18n", {{"en", "Adult"}, {"fr", "Adulte"}}}});
  const auto vip = type({{"name", "VIP"}, {"price", "90"}});  // no names per language: its name stays
  const auto names = [&] {
    std::map<std::int64_t, std::string> out;
    const auto list = client->get(event_path("/ticket-types"), admin_token).json();
    for (const auto& t : list.at("items").as_array()) out[t.at("id").as_int64()] = std::string(t.at("name").as_string());
    return out;
  };

  // The event's own maps have German; "Adult" has no German name: refused, naming the type.
  auto r = client->patch_json(event_path(), {{"default_locale", "de"}}, admin_token);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("error").at("code").as_string(), "invalid_translation");
  const auto fields = r.json().at("error").at("fields").as_object();
  EXPECT_EQ(fields.size(), 1u) << r.body;
  EXPECT_TRUE(fields.contains("ticket_types." + std::to_string(adult) + ".name_i18n.de")) << r.body;
  EXPECT_EQ(client->get(event_path(), admin_token).json().at("default_locale").as_string(), "en") << "nothing kept";
  EXPECT_EQ(names().at(early), "Early bird");

  // With a German name for it, the change goes through and the German names are the plain ones.
  ASSERT_EQ(client->patch_json("/api/ticket-types/" + std::to_string(adult),
                               {{"name_i18n", {{"en", "Adult"}, {"de", "Erwachsene"}, {"fr", "Adulte"}}}}, admin_token).status, 200);
  r = client->patch_json(event_path(), {{"default_locale", "de"}}, admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  auto now = names();
  EXPECT_EQ(now.at(early), "Frühbucher");
  EXPECT_EQ(now.at(adult), "Erwachsene");
  EXPECT_EQ(now.at(vip), "VIP");
  // Back to English: names may trade places between types on the way (checked once, at the end).
  ASSERT_EQ(client->patch_json("/api/ticket-types/" + std::to_string(early),
                               {{"name_i18n", {{"de", "Frühbucher"}, {"en", "Erwachsene"}}}}, admin_token).status, 200);
  ASSERT_EQ(client->patch_json("/api/ticket-types/" + std::to_string(adult),
                               {{"name_i18n", {{"de", "Erwachsene"}, {"en", "Frühbucher"}}}}, admin_token).status, 200);
  r = client->patch_json(event_path(), {{"default_locale", "en"}}, admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  now = names();
  EXPECT_EQ(now.at(early), "Erwachsene");
  EXPECT_EQ(now.at(adult), "Frühbucher");
  // Two types that would end up with one name: refused, nothing changed.
  ASSERT_EQ(client->patch_json("/api/ticket-types/" + std::to_string(early),
                               {{"name_i18n", {{"en", "Erwachsene"}, {"fr", "VIP"}}}}, admin_token).status, 200);
  ASSERT_EQ(client->patch_json("/api/ticket-types/" + std::to_string(adult),
                               {{"name_i18n", {{"en", "Frühbucher"}, {"fr", "Adulte"}}}}, admin_token).status, 200);
  ASSERT_EQ(client->patch_json(event_path(), {{"name_i18n", {{"en", "Summer Fest"}, {"fr", "Fête d'été"}}},
                                              {"description", nullptr}, {"mail_text", nullptr}}, admin_token).status, 200);
  r = client->patch_json(event_path(), {{"default_locale", "fr"}}, admin_token);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json().at("error").at("code").as_string(), "invalid_translation");
  EXPECT_EQ(names().at(early), "Erwachsene");
}

TEST_P(OrganiserTexts, SalesShowTheLanguageTheyStored) {
  auto type = client->post_json(event_path("/ticket-types"), {{"name", "Early bird"}, {"price", "10"}}, admin_token);
  const auto type_id = type.json().at("id").as_int64();
  client->post_json(event_path("/tickets/generate"), {{"count", 2}, {"ticket_type_id", type_id}}, admin_token);
  ctx->jobs.wait_idle();
  auto de = client->post_json(event_path("/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Jana"},
                                                    {"buyer_email", "jana@example.com"}, {"quantity", 1}, {"locale", "de-AT"}},
                              admin_token);
  ASSERT_EQ(de.status, 201) << de.body;
  EXPECT_EQ(de.json().at("locale").as_string(), "de");
  auto none = client->post_json(event_path("/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Ann"},
                                                      {"buyer_email", "ann@example.com"}, {"quantity", 1}, {"locale", "tlh"}},
                                admin_token);
  ASSERT_EQ(none.status, 201) << none.body;
  EXPECT_TRUE(none.json().at("locale").is_null()) << none.body;
  const auto list = client->get(event_path("/sales"), admin_token).json();
  const auto& items = list.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items.at(0).at("locale").is_null()) << "newest first";
  EXPECT_EQ(items.at(1).at("locale").as_string(), "de");
}

INSTANTIATE_TEST_SUITE_P(Backends, OrganiserTexts, ::testing::ValuesIn(backends()), backend_name);
