#include "app/stats.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

void add_stats_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/admin/stats", .roles = {Role::admin, Role::viewer},
         .summary = "Per-event counts: pending, approved, declined, checked in (the dashboard polls it)",
         .replies = {ok(schema::object({{"events", schema::array(schema::object({{"event_id", schema::id()},
                                                                                  {"event_name", schema::text()},
                                                                                  {"pending", schema::integer()},
                                                                                  {"approved", schema::integer()},
                                                                                  {"declined", schema::integer()},
                                                                                  {"checked_in", schema::integer()},
                                                                                  {"capacity", schema::integer().nullable()}}))}}))},
         .handler = [](RouteContext& c) {
           boost::json::array events;
           for (const auto& e : app::event_counts(c.app))
             events.push_back({{"event_id", e.event_id},
                               {"event_name", e.event_name},
                               {"pending", e.pending},
                               {"approved", e.approved},
                               {"declined", e.declined},
                               {"checked_in", e.checked_in},
                               {"capacity", e.capacity ? boost::json::value(*e.capacity) : nullptr}});
           return json_response(200, {{"events", std::move(events)}});
         }});
}

}  // namespace gatepass::http
