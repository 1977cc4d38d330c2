#include "app/events.hpp"

#include "domain/error.hpp"
#include "domain/personal_data.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/request_body.hpp"
#include "http/request_locale.hpp"

namespace gatepass::app {
BOOST_DESCRIBE_STRUCT(EventInput, (), (name, slug, venue, starts_at, ends_at, capacity, serial_prefix, requires_approval,
                                       published, max_tickets_per_email, currency, mail_text, reentry, refunds_until, gate_lookup,
                                       personal_data_retention_days, description, sales_channel, registrations_per_email,
                                       default_locale, name_i18n, description_i18n, mail_text_i18n, time_zone))
}  // namespace gatepass::app

namespace gatepass::http {

template <>
struct BodyDocs<app::EventInput> {
  static void document(BodyDoc& d) {
    d.field("name").describe("Shown on tickets and the registration page").max(200);
    d.field("slug").describe("For links: lower-case letters, digits and dashes; made from the name if left out");
    d.field("starts_at").describe("ISO 8601 with a zone, e.g. 2026-07-04T18:00:00+02:00");
    d.field("capacity").describe("At most this many tickets; null: no limit");
    d.field("serial_prefix").describe("Ticket serials read PREFIX-000123");
    d.field("requires_approval").describe("false: a registration gets its ticket at once");
    d.field("currency").describe("ISO 4217, e.g. EUR");
    d.field("reentry").describe("Holders may leave and come back (entry/exit scans)");
    d.field("gate_lookup").only({"none", "name"}).describe("name: stewards may search holders by name at the gate (default none)");
    d.field("refunds_until").describe("Holders may ask for refunds until then (ISO 8601); null: until starts_at");
    d.field("personal_data_retention_days")
        .describe("Housekeeping erases the personal data of the event's registrations, tickets and scans this many days "
                  "after it ends; null (default): kept until erased by hand")
        .range(0, personal_data::kMaxRetentionDays);
    d.field("description").describe("Plain text (new lines kept) on the registration form and the holder's ticket")
        .max(app::kMaxDescription);
    d.field("sales_channel").only({"registration", "box_office", "both"})
        .describe("Where tickets are offered (default both): registration = the public form only (the box office "
                  "does not sell), box_office = sold by staff only (not offered on the public form)");
    d.field("registrations_per_email").range(0, 1000)
        .describe("Registrations one email address may make (default 1); 0: no limit. Beyond the allowance a "
                  "registration is refused (409 already_registered); within it, one after the first is marked a duplicate");
    d.field("default_locale").only({"en", "de", "fr", "es"})
        .describe("The event's language (default en): name, description and mail_text are its texts, and visitors "
                  "whose language the event has no text in read these");
    d.field("name_i18n").describe("The name per language, e.g. {\"en\": \"Summer Fest\", \"de\": \"Sommerfest\"}: "
                                  "replaces the stored map; the default_locale entry is required and name, when sent too, "
                                  "overrides it. 422 invalid_translation names the entry (name_i18n.de)");
    d.field("description_i18n").describe("The description per language, like name_i18n");
    d.field("mail_text_i18n").describe("The mail addition per language, like name_i18n");
    d.field("time_zone")
        .describe("IANA time zone the event's times are shown in (mails, the ticket PDF, the web app), e.g. "
                  "Europe/Berlin; 422 invalid_time_zone naming time_zone when the tz database has no such zone. New events: "
                  "the server's GATEPASS_DEFAULT_TIME_ZONE (UTC unless set)");
    d.example = {{"name", "Summer Fest 2026"}, {"venue", "Harbour Hall"}, {"starts_at", "2026-07-04T18:00:00+02:00"},
                 {"capacity", 500}, {"serial_prefix", "SF2026"}, {"requires_approval", true}, {"published", true},
                 {"currency", "EUR"}, {"time_zone", "Europe/Berlin"}};
  }
};

namespace {
bool is_admin(const RouteContext& c) { return c.principal && c.principal->role == Role::admin; }

Param locale_query() {
  return query("locale", schema::text().max(35),
               "Language of name, description and mail_text (en, de, fr, es; de-AT is de); default: Accept-Language, "
               "else the event's default_locale. Admins get the stored texts and the maps instead");
}

// Admins edit what they read: the stored texts and the maps; everyone else reads their language.
boost::json::object event_for(const RouteContext& c, const Event& e, const RequestLocale& lang) {
  return event_json(e, lang.for_event(e.default_locale), is_admin(c));
}
}  // namespace

void add_event_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/events", .roles = {Role::admin}, .writes = true,
         .summary = "Create an event (its ticket signing key is made with it)",
         .body = json_body<app::EventInput>({"name"}), .replies = {created(schemas::event())}, .handler = [](RouteContext& c) {
           return json_response(201, event_json(app::create_event(c.app, c.caller(), decode<app::EventInput>(c.req)), {}, true));
         }});
  r.add({.method = "PATCH", .pattern = "/api/events/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Change an event (only the fields sent; null clears a nullable one)",
         .body = json_body<app::EventInput>(), .replies = {ok(schemas::event())}, .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           return json_response(200, event_json(app::update_event(c.app, c.caller(), id, decode<app::EventInput>(c.req)), {}, true));
         }});
  r.add({.method = "GET", .pattern = "/api/events", .access = Access::optional,
         .summary = "Published events (admins also see unpublished ones)", .query = paging({locale_query()}),
         .replies = {ok(schema::page(schemas::event()))}, .handler = [](RouteContext& c) {
           const auto page = page_request(c.req);
           const auto lang = request_locale(c.req);
           return page_response(app::list_events(c.app, is_admin(c), page), page,
                                [&](const Event& e) { return event_for(c, e, lang); });
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}", .access = Access::optional, .summary = "One event",
         .query = {locale_query()}, .replies = {ok(schemas::event())}, .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           auto e = app::get_event(c.app, id, is_admin(c));
           if (!e) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(id));
           return json_response(200, event_for(c, *e, request_locale(c.req)));
         }});
}

}  // namespace gatepass::http
