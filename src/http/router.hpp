#pragma once
// Routes are declared in one table per resource (handlers/*.cpp). Each route states who may call
// it; the router authenticates and checks the role BEFORE the handler runs, so no handler can
// forget to. Errors of any kind become a JSON error response in one place (error_mapping.cpp).
#include <atomic>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "http/api_schema.hpp"
#include "http/message.hpp"

namespace gatepass::http {

enum class Access {
  open,      // anyone
  optional,  // anyone; a valid token, if sent, is used (e.g. admins see unpublished events)
  roles,     // a valid token whose user has one of `roles`
};

struct RouteContext {
  app::Context& app;
  const Request& req;
  std::map<std::string, std::string> params;  // "{id}" in the pattern -> params["id"]
  std::optional<app::Principal> principal;

  const app::Principal& caller() const { return *principal; }
  const std::string& param(const std::string& name) const { return params.at(name); }
};

using Handler = std::function<Response(RouteContext&)>;

// The route's contract in /api/openapi.json (see api_schema.hpp and request_body.hpp).
struct Param {
  std::string name;
  schema::S schema;
  std::string description;
  bool required = false;
};
struct Body {
  std::string content_type = "application/json";
  schema::S schema;
  boost::json::object example;
  bool required = true;  // false: the body may be left out entirely
  std::vector<std::pair<std::string, schema::S>> also;  // other content types accepted (multipart)
};
struct Reply {
  int status = 200;
  schema::S schema;  // for a non-JSON content type: what the bytes are (schema::binary())
  std::string content_type = "application/json";
  std::string description;
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/admin/approve/{id}"
  Access access = Access::roles;
  std::vector<Role> roles;
  bool writes = false;  // run on the blocking pool (it may wait for a durable commit)
  // SQLite: run in a fiber on the I/O thread instead of on the blocking pool; its writes give the
  // thread back while the writer commits (http/commit_fiber.hpp): two thread hand-offs fewer per
  // request. Only for handlers that block on nothing but database writes (no password hashing, no
  // file syncs, no lock held across a write). Multipart bodies still go to the pool.
  bool commit_fiber = false;
  // PostgreSQL: run in a fiber on the I/O thread instead of on the blocking pool; each statement
  // gives the thread back until PostgreSQL answers (store/commit_wait.hpp). The same promise as
  // commit_fiber, for every statement: no lock held across one, no blocking wait for another
  // request (app/ticket_numbers.hpp suspends a fiber that waits for a block reservation).
  bool fiber_on_postgres = false;
  // Long CPU or read work (PDFs, full offline packs, reports, exports): run on the blocking pool on
  // both databases, so a holder fetching PDFs in a loop cannot take the I/O threads the gate
  // needs; at most `max_parallel` at once (0: no bound), beyond that 503 with Retry-After.
  bool heavy = false;
  int max_parallel = 0;
  std::shared_ptr<std::atomic<int>> running = std::make_shared<std::atomic<int>>(0);
  // Anonymous write (e.g. registration): limited per client address (GATEPASS_PUBLIC_WRITES_PER_MINUTE).
  bool anonymous_write = false;
  // A bearer-token lookup (a ticket link, a holder's refresh token): only failed lookups (404 unknown
  // link, 401 unknown or spent token) cost, from their own budget. Phones behind a venue's one
  // address open their tickets and refresh their sign-ins without eating the registrations' budget.
  bool bearer_lookup = false;
  // Path parameters handed to the handler even when they are not valid UTF-8 (the gate's {code},
  // whose rejection is audited, escaped). Every other parameter must be valid UTF-8 or gets 400.
  std::vector<std::string> raw_params;
  // GATEPASS_REQUIRE_2FA: reachable with a token that still lacks the second factor (sign-in
  // enrolment: /api/auth/me, /api/auth/2fa/*, /api/auth/logout-all). Every other route refuses it.
  bool before_second_factor = false;
  // An enrolled scanner device (`Authorization: Device <token>`, docs/devices.md) may call it: the
  // gate routes. Every other route refuses a device token (403).
  bool devices = false;
  std::string summary;  // for the OpenAPI description
  std::vector<Param> path;  // path parameters that need more than "text" or "id" (an enum)
  std::vector<Param> query;
  std::vector<Param> headers;
  std::optional<Body> body;
  std::vector<Reply> replies;  // the success answers; the error answers are added from the rest
  Handler handler;
  std::vector<std::string> segments;
};

class Router {
 public:
  void add(Route route);
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    bool method_mismatch = false;  // the path exists with another method -> 405
  };
  Match match(const std::string& method, const std::vector<std::string>& path) const;
  // Who made an authenticated request, for the access log: the account's username and, for an
  // enrolled scanner device, its device_id.
  struct Caller {
    std::string account;
    std::string device;
  };
  // Authenticates, authorises, runs the handler; never throws. `caller`, if given, is filled in
  // once the request is authenticated.
  Response execute(app::Context& ctx, const Match& m, const Request& req, Caller* caller = nullptr) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

std::vector<Role> any_role();
// Contract shorthands.
inline Reply ok(schema::S s, std::string description = "OK") { return {200, std::move(s), "application/json", std::move(description)}; }
inline Reply created(schema::S s, std::string description = "Created") { return {201, std::move(s), "application/json", std::move(description)}; }
inline Reply accepted(schema::S s, std::string description = "Accepted: running in the background") {
  return {202, std::move(s), "application/json", std::move(description)};
}
inline Param query(std::string name, schema::S s, std::string description = {}) {
  return {std::move(name), std::move(s), std::move(description), false};
}
// ?limit=&offset= (paging.hpp), optionally followed by more parameters.
std::vector<Param> paging(std::vector<Param> more = {});
// "/api/x/{id}" -> {"api", "x", "{id}"}
std::vector<std::string> pattern_segments(const std::string& pattern);

}  // namespace gatepass::http
