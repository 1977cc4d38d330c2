#include "http/router.hpp"

#include "app/gate/devices.hpp"

#include "http/client_address.hpp"
#include "store/request_scope.hpp"

#include <algorithm>

#include "app/auth.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "http/error_mapping.hpp"

namespace gatepass::http {

std::vector<Role> any_role() { return {Role::admin, Role::scanner, Role::viewer, Role::attendee}; }

std::vector<Param> paging(std::vector<Param> more) {
  std::vector<Param> out{
      query("limit", schema::integer().range(1, app::kMaxPageSize), "Page size (default 50)"),
      query("offset", schema::integer().range(0, 1'000'000'000), "Rows to skip (default 0)")};
  for (auto& p : more) out.push_back(std::move(p));
  return out;
}

std::vector<std::string> pattern_segments(const std::string& pattern) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= pattern.size()) {
    auto end = pattern.find('/', start);
    if (end == std::string::npos) end = pattern.size();
    out.push_back(pattern.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void Router::add(Route route) {
  route.segments = pattern_segments(route.pattern);
  routes_.push_back(std::move(route));
}

Router::Match Router::match(const std::string& method, const std::vector<std::string>& path) const {
  Match m;
  for (const auto& r : routes_) {
    if (r.segments.size() != path.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < path.size() && ok; ++i) {
      const auto& seg = r.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        if (path[i].empty()) ok = false;
        else params[seg.substr(1, seg.size() - 2)] = path[i];
      } else {
        ok = seg == path[i];
      }
    }
    if (!ok) continue;
    if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
      m.method_mismatch = true;
      continue;
    }
    m.route = &r;
    m.params = std::move(params);
    m.method_mismatch = false;
    return m;
  }
  return m;
}

// Text from the request line must be valid UTF-8 before anything stores, compares or echoes it.
static void require_utf8(const Route& r, const std::map<std::string, std::string>& params, const Request& req) {
  for (const auto& [name, value] : params)
    if (!validation::is_valid_utf8(value) && std::find(r.raw_params.begin(), r.raw_params.end(), name) == r.raw_params.end())
      throw Error(ErrorCode::validation, "Bad path", {{name, "must be valid UTF-8"}});
  for (const auto& [name, value] : req.query)
    if (!validation::is_valid_utf8(name) || !validation::is_valid_utf8(value))
      throw Error(ErrorCode::validation, "Bad query parameter",
                  {{validation::is_valid_utf8(name) ? name : validation::escape_bytes(name, 64), "must be valid UTF-8"}});
}

// `Authorization: Device <token>`: an enrolled scanner device.
static std::optional<std::string> device_token(const Request& req) {
  auto h = req.header("authorization");
  constexpr std::string_view prefix = "Device ";
  if (!h || h->size() <= prefix.size() || h->compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return h->substr(prefix.size());
}

static std::optional<std::string> bearer_token(const Request& req) {
  auto h = req.header("authorization");
  if (!h) return std::nullopt;
  constexpr std::string_view prefix = "Bearer ";
  if (h->size() <= prefix.size() || !(h->compare(0, prefix.size(), prefix) == 0 || h->compare(0, prefix.size(), "bearer ") == 0))
    return std::nullopt;
  return h->substr(prefix.size());
}

Response Router::execute(app::Context& ctx, const Match& m, const Request& req, Caller* caller) const {
  store::RequestScope scope(req.request_id);  // audit rows and error lines of this request name it
  try {
    if (!m.route) {
      if (m.method_mismatch) return error_response(405, "method_not_allowed", "This method is not allowed on this path");
      return error_response(404, "not_found", "No such API route");
    }
    const Route& r = *m.route;
    require_utf8(r, m.params, req);
    // Only anonymous routes need the budget key (parsing the address is not free on the gate's path).
    const auto budget = r.anonymous_write || r.bearer_lookup ? budget_key(req.client_address) : std::string();
    if (r.anonymous_write)
      if (auto wait = ctx.public_writes.take(budget, ctx.now()))
        throw Error(ErrorCode::too_many_requests, "Too many requests from your network; please wait a moment")
            .retry_after_ms(*wait);
    const auto note = [caller](const app::Principal& p) {
      if (!caller) return;
      caller->account = p.username;
      if (p.device) caller->device = p.device->device_id;
    };
    const auto run = [&]() -> Response {
      RouteContext rc{ctx, req, m.params, std::nullopt};
      const auto token = bearer_token(req);
      if (r.access == Access::roles && !token) {
        if (const auto device = device_token(req)) {
          if (!r.devices) throw Error(ErrorCode::forbidden, "A scanner device may use only the gate's routes");
          rc.principal = app::gate::authenticate_device(ctx, *device);
          note(*rc.principal);
          app::require_role(*rc.principal, r.roles);
          return r.handler(rc);
        }
      }
      if (r.access == Access::roles) {
        if (!token) throw Error(ErrorCode::unauthenticated, "Log in first: send Authorization: Bearer <token>");
        rc.principal = app::authenticate(ctx, *token, r.before_second_factor);
        note(*rc.principal);
        app::require_role(*rc.principal, r.roles);
      } else if (r.access == Access::optional && token) {
        try {
          rc.principal = app::authenticate(ctx, *token);
          note(*rc.principal);
        } catch (const Error&) {
          // A stale token on a public page is not an error: serve the public view.
        }
      }
      return r.handler(rc);
    };
    if (!r.bearer_lookup) return run();
    // Holders behind one venue address share it: a found link or a good refresh token is free, only
    // unknown ones cost (404 link, 401 token).
    if (auto wait = ctx.link_misses.wait_for(budget, ctx.now()))
      throw Error(ErrorCode::too_many_requests,
                  "Too many unknown ticket links or sign-in tokens from your network; please wait a moment")
          .retry_after_ms(*wait);
    try {
      return run();
    } catch (const Error& e) {
      if (e.code() == ErrorCode::not_found || e.code() == ErrorCode::unauthenticated) ctx.link_misses.take(budget, ctx.now());
      throw;
    }
  } catch (...) {
    return error_response(std::current_exception());
  }
}

}  // namespace gatepass::http
