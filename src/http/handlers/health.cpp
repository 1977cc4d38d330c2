#include "app/ops/readiness.hpp"
#include "domain/error.hpp"
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
  r.add({.method = "GET", .pattern = "/api/health/live", .access = Access::open,
         .summary = "Liveness: the process answers (touches no database)",
         .replies = {ok(schema::object({{"status", schema::one_of({"live"})}}))},
         .handler = [](RouteContext&) { return json_response(200, {{"status", "live"}}); }});
  r.add({.method = "GET", .pattern = "/api/health/ready", .access = Access::open,
         .summary = "Readiness for load balancers: database answers, migrations current, SQLite disk has room, "
                    "mail not stuck; 503 naming each failing check in `fields`",
         .replies = {ok(schema::object(
             {{"status", schema::one_of({"ready"})},
              {"checks", schema::array(schema::object({{"name", schema::one_of({"database", "migrations", "disk", "outbox"})},
                                                       {"ok", schema::boolean()},
                                                       {"detail", schema::text()}}))}}))},
         .handler = [](RouteContext& c) {
           boost::json::array checks;
           std::map<std::string, std::string> failing;
           for (const auto& check : app::check_readiness(c.app)) {
             checks.push_back({{"name", check.name}, {"ok", check.ok}, {"detail", check.detail}});
             if (!check.ok) failing[check.name] = check.detail;
           }
           if (!failing.empty()) {
             std::string names;
             for (const auto& [name, _] : failing) names += (names.empty() ? "" : ", ") + name;
             throw Error(ErrorCode::unavailable, "Not ready: " + names, failing).retry_after_ms(5000);
           }
           return json_response(200, {{"status", "ready"}, {"checks", std::move(checks)}});
         }});
}

}  // namespace gatepass::http
