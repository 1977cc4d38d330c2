#include "app/events.hpp"

#include "domain/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

namespace {
app::EventInput read_event(const Request& req) {
  const auto body = parse_json_object(req);
  FieldReader f(body);
  app::EventInput in;
  in.name = f.string("name");
  in.slug = f.string("slug");
  in.venue = f.nullable_string("venue");
  in.starts_at = f.nullable_string("starts_at");
  in.ends_at = f.nullable_string("ends_at");
  in.capacity = f.nullable_integer("capacity");
  in.serial_prefix = f.string("serial_prefix");
  in.requires_approval = f.boolean("requires_approval");
  in.published = f.boolean("published");
  in.max_tickets_per_email = f.nullable_integer("max_tickets_per_email");
  in.currency = f.string("currency");
  in.mail_text = f.nullable_string("mail_text");
  in.reentry = f.boolean("reentry");
  f.finish();
  return in;
}

bool is_admin(const RouteContext& c) { return c.principal && c.principal->role == Role::admin; }
}  // namespace

void add_event_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/events", .roles = {Role::admin}, .writes = true,
         .summary = "Create an event (its ticket signing key is made with it)", .handler = [](RouteContext& c) {
           return json_response(201, to_json(app::create_event(c.app, c.caller(), read_event(c.req))));
         }});
  r.add({.method = "PATCH", .pattern = "/api/events/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Change an event", .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           return json_response(200, to_json(app::update_event(c.app, c.caller(), id, read_event(c.req))));
         }});
  r.add({.method = "GET", .pattern = "/api/events", .access = Access::optional,
         .summary = "Published events (admins also see unpublished ones)", .handler = [](RouteContext& c) {
           const auto page = page_request(c.req);
           return page_response(app::list_events(c.app, is_admin(c), page), page,
                                [](const Event& e) { return to_json(e); });
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}", .access = Access::optional, .summary = "One event",
         .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           auto e = app::get_event(c.app, id, is_admin(c));
           if (!e) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(id));
           return json_response(200, to_json(*e));
         }});
}

}  // namespace gatepass::http
