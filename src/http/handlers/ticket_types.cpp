#include "app/ticket_types.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"

namespace gatepass::http {

namespace {
app::TicketTypeInput read_input(const Request& req) {
  const auto body = parse_json_object(req);
  FieldReader f(body);
  app::TicketTypeInput in;
  in.name = f.string("name");
  in.price = f.decimal("price");
  in.quota = f.nullable_integer("quota");
  f.finish();
  return in;
}
}  // namespace

void add_ticket_type_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/events/{id}/ticket-types", .roles = {Role::admin, Role::viewer},
         .summary = "The event's ticket types with generated, sold and available counts", .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::list_ticket_types(c.app, path_id(c.param("id"), "id"))));
         }});
  r.add({.method = "POST", .pattern = "/api/events/{id}/ticket-types", .roles = {Role::admin}, .writes = true,
         .summary = "Add a ticket type {name, price, quota?}", .handler = [](RouteContext& c) {
           const auto t = app::create_ticket_type(c.app, c.caller(), path_id(c.param("id"), "id"), read_input(c.req));
           return json_response(201, to_json(t));
         }});
  r.add({.method = "PATCH", .pattern = "/api/ticket-types/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Change a ticket type's name, price or quota (never below what was generated)",
         .handler = [](RouteContext& c) {
           const auto t = app::update_ticket_type(c.app, c.caller(), path_id(c.param("id"), "id"), read_input(c.req));
           return json_response(200, to_json(t));
         }});
}

}  // namespace gatepass::http
