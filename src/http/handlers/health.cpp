#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

void add_health_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/health", .access = Access::open, .summary = "Liveness and backend",
         .replies = {ok(schema::object({{"status", schema::one_of({"ok"})},
                                        {"database", schema::one_of({"sqlite", "postgresql"})},
                                        {"version", schema::text().example(GATEPASS_VERSION)}}))},
         .handler = [](RouteContext& c) {
           return json_response(200, {{"status", "ok"}, {"database", c.app.db.name()}, {"version", GATEPASS_VERSION}});
         }});
}

}  // namespace gatepass::http
