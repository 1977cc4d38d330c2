#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

void add_health_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/health", .access = Access::open, .summary = "Liveness and backend",
         .handler = [](RouteContext& c) {
           return json_response(200, {{"status", "ok"}, {"database", c.app.db.name()}, {"version", GATEPASS_VERSION}});
         }});
}

}  // namespace gatepass::http
