#include "app/ticket_types.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
// One body for create (name and price required) and change (only the fields sent).
struct TicketTypeBody {
  std::optional<std::string> name;
  Money price;
  std::optional<std::optional<std::int64_t>> quota;
  std::optional<LocaleTexts> name_i18n;
  static void document(BodyDoc& d) {
    d.field("name_i18n").describe("The name per language, e.g. {\"en\": \"Early bird\", \"de\": \"Frühbucher\"}: replaces "
                                  "the stored map; the event's default_locale entry is required and name, when sent too, "
                                  "overrides it. 422 invalid_translation names the entry (name_i18n.de)");
    d.field("name").describe("Unique within the event").max(100);
    d.field("price").describe("Decimal text (or a JSON number), at most 2 decimals, e.g. 25.00");
    d.field("quota").describe("At most this many tickets of the type; null: no quota").range(1, 10'000'000);
    d.example = {{"name", "Early bird"}, {"price", "25.00"}, {"quota", 200}};
  }
};
BOOST_DESCRIBE_STRUCT(TicketTypeBody, (), (name, price, quota, name_i18n))

app::TicketTypeInput read_input(const Request& req) {
  auto b = decode<TicketTypeBody>(req);
  app::TicketTypeInput in;
  in.name = std::move(b.name);
  in.price = std::move(b.price);
  in.quota = b.quota;
  in.name_i18n = std::move(b.name_i18n);
  return in;
}
}  // namespace

void add_ticket_type_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/events/{id}/ticket-types", .roles = {Role::admin, Role::viewer},
         .summary = "The event's ticket types with generated, sold and available counts",
         .replies = {ok(schema::items(schemas::ticket_type()))}, .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::list_ticket_types(c.app, path_id(c.param("id"), "id"))));
         }});
  r.add({.method = "POST", .pattern = "/api/events/{id}/ticket-types", .roles = {Role::admin}, .writes = true,
         .summary = "Add a ticket type to the event (name unique within it); 409 when the name is taken",
         .body = json_body<TicketTypeBody>({"name", "price"}), .replies = {created(schemas::ticket_type())},
         .handler = [](RouteContext& c) {
           const auto t = app::create_ticket_type(c.app, c.caller(), path_id(c.param("id"), "id"), read_input(c.req));
           return json_response(201, to_json(t));
         }});
  r.add({.method = "PATCH", .pattern = "/api/ticket-types/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Change a ticket type's name, price or quota (only the fields sent; the quota never below what "
                    "was generated: 409)",
         .body = json_body<TicketTypeBody>(), .replies = {ok(schemas::ticket_type())}, .handler = [](RouteContext& c) {
           const auto t = app::update_ticket_type(c.app, c.caller(), path_id(c.param("id"), "id"), read_input(c.req));
           return json_response(200, to_json(t));
         }});
}

}  // namespace gatepass::http
