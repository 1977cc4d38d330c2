#include "http/openapi.hpp"

#include <boost/json/serialize.hpp>

#include "http/handlers/handlers.hpp"

namespace gatepass::http {

namespace json = boost::json;

namespace {

bool is_path_param(const std::string& seg) { return seg.size() > 2 && seg.front() == '{'; }

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// "GET /api/events/{id}/sales" -> "getEventsIdSales": stable and readable in generated clients.
std::string operation_id(const Route& r) {
  std::string out = lower(r.method);
  for (std::size_t i = 1; i < r.segments.size(); ++i) {
    std::string seg = r.segments[i];
    if (is_path_param(seg)) seg = seg.substr(1, seg.size() - 2);
    bool up = true;
    for (char ch : seg) {
      if (!std::isalnum(static_cast<unsigned char>(ch))) {
        up = true;
        continue;
      }
      out += up ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
      up = false;
    }
  }
  return out;
}

// Group by resource: /api/admin/registrations -> "registrations", /api/events/{id}/sales -> "events".
std::string tag(const Route& r) {
  std::size_t i = 1;
  if (i < r.segments.size() && r.segments[i] == "admin" && i + 1 < r.segments.size()) ++i;
  return i < r.segments.size() ? r.segments[i] : "api";
}

json::object path_param(const std::string& name) {
  schema::S s = name == "id" ? schema::id() : schema::text().max(256);
  if (name == "serial") s.example("EVT2025-000123");
  return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", s.json()}};
}

json::object param_json(const Param& p, const char* where) {
  json::object o{{"name", p.name}, {"in", where}, {"required", p.required}, {"schema", p.schema.json()}};
  if (!p.description.empty()) o["description"] = p.description;
  return o;
}

json::object media(const std::string& content_type, const schema::S& s, const json::object& components,
                   const json::object* example = nullptr) {
  json::object m{{"schema", s.json()}};
  if (content_type == "application/json")
    m["example"] = example && !example->empty() ? json::value(*example) : schema::example_of(s.json(), components);
  return m;
}

json::object error_reply(std::string_view why, const json::object& components) {
  return {{"description", why}, {"content", {{"application/json", media("application/json", schema::error(), components)}}}};
}

std::string roles_text(const Route& r) {
  if (r.access == Access::open) return "anyone";
  if (r.access == Access::optional) return "anyone (a token, if sent, may show more)";
  std::string out;
  for (Role role : r.roles) out += (out.empty() ? "" : ", ") + std::string(to_string(role));
  return out;
}

json::object operation(const Route& r, const json::object& components) {
  json::object op{{"operationId", operation_id(r)}, {"summary", r.summary}, {"tags", json::array{tag(r)}}};
  op["description"] = "Who may call it: " + roles_text(r) + ".";
  json::array roles;
  for (Role role : r.roles) roles.emplace_back(to_string(role));
  op["x-roles"] = std::move(roles);

  json::array params;
  bool has_path_params = false;
  for (const auto& seg : r.segments)
    if (is_path_param(seg)) {
      const auto name = seg.substr(1, seg.size() - 2);
      auto p = path_param(name);
      for (const auto& own : r.path)  // the route describes this one itself (e.g. an enum)
        if (own.name == name) {
          p = param_json(own, "path");
          p["required"] = true;
        }
      params.push_back(std::move(p));
      has_path_params = true;
    }
  for (const auto& q : r.query) params.push_back(param_json(q, "query"));
  for (const auto& h : r.headers) params.push_back(param_json(h, "header"));
  if (!params.empty()) op["parameters"] = std::move(params);

  if (r.body) {
    json::object content{{r.body->content_type, media(r.body->content_type, r.body->schema, components, &r.body->example)}};
    for (const auto& [type, s] : r.body->also) content[type] = media(type, s, components);
    op["requestBody"] = {{"required", r.body->required}, {"content", std::move(content)}};
  }

  json::object responses;
  for (const auto& reply : r.replies) {
    auto& entry = responses[std::to_string(reply.status)];
    if (!entry.is_object()) entry = json::object{{"description", reply.description}, {"content", json::object{}}};
    entry.as_object()["content"].as_object()[reply.content_type] = media(reply.content_type, reply.schema, components);
  }
  // The error answers every route can give, unless the route documents its own (the gate's 409).
  const auto error = [&](const char* status, std::string_view why) {
    if (!responses.contains(status)) responses[status] = error_reply(why, components);
  };
  error("400", "Bad input: `error.fields` names each field or parameter and why");
  if (r.access == Access::roles) {
    error("401", "No, bad or expired token");
    error("403", "The caller's role may not do this");
    op["security"] = json::array{json::object{{"bearer", json::array{}}}};
  } else if (r.access == Access::optional) {
    op["security"] = json::array{json::object{{"bearer", json::array{}}}, json::object{}};
  }
  if (has_path_params) error("404", "No such resource");
  if (r.method != "GET") error("409", "The resource's state does not allow it (`error.code` says why)");
  if (r.body) error("413", "The body is too large");
  if (r.anonymous_write || r.bearer_lookup) error("429", "Too many requests from this address; see Retry-After");
  error("default", "Any other error (503 unavailable: retry after Retry-After)");
  op["responses"] = std::move(responses);
  return op;
}

}  // namespace

json::object openapi_document(const std::vector<Route>& routes) {
  json::object paths;
  // Every named schema was registered when the routes were declared (schema::ref); the error body
  // is the one each operation adds itself. Examples are made from the named schemas, so take them first.
  schema::error();
  const auto components = schema::components();
  std::vector<std::pair<const Route*, json::object>> ops;
  for (const auto& r : routes) ops.emplace_back(&r, operation(r, components));
  for (auto& [r, op] : ops) {
    auto& path = paths[r->pattern];
    if (!path.is_object()) path = json::object{};
    path.as_object()[lower(r->method)] = std::move(op);
  }
  json::array roles;
  for (Role role : any_role()) roles.emplace_back(to_string(role));
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "Gatepass API"},
            {"version", GATEPASS_VERSION},
            {"description",
             "Event registration, tickets with signed QR codes, and check-in at the gate. Sign in with "
             "POST /api/auth/login and send the access_token as `Authorization: Bearer <token>`. Each "
             "operation's `x-roles` lists the roles that may call it. Errors are always "
             "{\"error\":{\"code\",\"message\",\"fields\"}}."}}},
          {"servers", json::array{json::object{{"url", "/"}}}},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", components},
            {"securitySchemes",
             {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"bearerFormat", "JWT"},
                          {"description", "access_token from POST /api/auth/login"}}}}}}},
          {"x-roles", std::move(roles)}};
}

namespace {
void pretty(std::string& out, const json::value& v, int indent) {
  const std::string pad(indent + 2, ' ');
  if (const auto* o = v.if_object(); o && !o->empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [k, val] : *o) {
      out += first ? "" : ",\n";
      first = false;
      out += pad + json::serialize(json::value(k)) + ": ";
      pretty(out, val, indent + 2);
    }
    out += "\n" + std::string(indent, ' ') + "}";
  } else if (const auto* a = v.if_array(); a && !a->empty()) {
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += pad;
      pretty(out, (*a)[i], indent + 2);
      out += i + 1 < a->size() ? ",\n" : "\n";
    }
    out += std::string(indent, ' ') + "]";
  } else {
    out += json::serialize(v);
  }
}
}  // namespace

std::string openapi_text() {
  const auto router = make_api_router();
  std::string out;
  pretty(out, openapi_document(router.routes()), 0);
  return out + "\n";
}

}  // namespace gatepass::http
