#include "support/openapi_check.hpp"

#include <boost/json.hpp>
#include <regex>

#include "http/openapi.hpp"
#include "http/handlers/handlers.hpp"

namespace gatepass::testing {

namespace json = boost::json;

namespace {

const json::value& spec() {
  static const json::value doc = [] {
    const auto router = http::make_api_router();
    return json::value(http::openapi_document(router.routes()));
  }();
  return doc;
}

// The documented path that matches `path` best (most literal segments), or empty.
std::string match_template(const std::string& path) {
  const auto want = http::pattern_segments(path);
  std::string best;
  int best_literals = -1;
  for (const auto& [tmpl, _] : spec().at("paths").as_object()) {
    const auto have = http::pattern_segments(std::string(tmpl));
    if (have.size() != want.size()) continue;
    int literals = 0;
    bool fits = true;
    for (std::size_t i = 0; i < have.size() && fits; ++i) {
      if (have[i].size() > 2 && have[i].front() == '{') continue;
      if (have[i] != want[i]) fits = false;
      else ++literals;
    }
    if (fits && literals > best_literals) {
      best = std::string(tmpl);
      best_literals = literals;
    }
  }
  return best;
}

std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  for (auto& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return t;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_time(std::string_view s) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$)");
  return std::regex_match(s.begin(), s.end(), re);
}

const json::value& resolve(const json::value& schema, const json::value& doc) {
  const auto* o = schema.if_object();
  if (!o || !o->contains("$ref")) return schema;
  const std::string ref(o->at("$ref").as_string());
  const std::string name = ref.substr(ref.rfind('/') + 1);
  return resolve(doc.at("components").at("schemas").at(name), doc);
}

std::string kind_of(const json::value& v) {
  if (v.is_null()) return "null";
  if (v.is_bool()) return "boolean";
  if (v.is_int64() || v.is_uint64()) return "integer";
  if (v.is_double()) return "number";
  if (v.is_string()) return "string";
  if (v.is_array()) return "array";
  return "object";
}

}  // namespace

std::vector<std::string> validate_schema(const json::value& value, const json::value& schema_in, const json::value& doc,
                                         const std::string& path) {
  std::vector<std::string> out;
  const auto& schema = resolve(schema_in, doc);
  const auto* s = schema.if_object();
  if (!s) return {path + ": the schema is not an object"};
  if (value.is_null()) {
    if (s->contains("nullable") && s->at("nullable").as_bool()) return {};
    if (!s->contains("type") && !s->contains("allOf") && !s->contains("oneOf") && !s->contains("$ref")) return {};
    return {path + ": is null, which the schema does not allow"};
  }
  if (const auto* all = s->if_contains("allOf"))
    for (const auto& sub : all->as_array())
      for (auto& p : validate_schema(value, sub, doc, path)) out.push_back(p);
  if (const auto* one = s->if_contains("oneOf")) {
    int matches = 0;
    for (const auto& sub : one->as_array()) matches += validate_schema(value, sub, doc, path).empty();
    if (matches != 1) out.push_back(path + ": matches " + std::to_string(matches) + " of the oneOf schemas, not exactly one");
  }
  if (const auto* e = s->if_contains("enum")) {
    bool found = false;
    for (const auto& v : e->as_array()) found = found || v == value;
    if (!found) out.push_back(path + ": " + json::serialize(value) + " is not one of " + json::serialize(*e));
  }
  const auto* type = s->if_contains("type");
  if (!type) return out;
  const std::string want(type->as_string());
  const std::string have = kind_of(value);
  const bool type_ok = want == have || (want == "number" && have == "integer");
  if (!type_ok) {
    out.push_back(path + ": is " + have + ", the schema says " + want);
    return out;
  }
  if (want == "integer" || want == "number") {
    const double v = value.is_double() ? value.as_double() : value.is_int64() ? double(value.as_int64()) : double(value.as_uint64());
    if (auto* m = s->if_contains("minimum"); m && v < m->to_number<double>()) out.push_back(path + ": is below the minimum " + json::serialize(*m));
    if (auto* m = s->if_contains("maximum"); m && v > m->to_number<double>()) out.push_back(path + ": is above the maximum " + json::serialize(*m));
  } else if (want == "string") {
    const auto text = std::string_view(value.as_string());
    if (auto* m = s->if_contains("maxLength"); m && utf8_length(text) > m->to_number<std::size_t>())
      out.push_back(path + ": is longer than " + json::serialize(*m));
    if (auto* f = s->if_contains("format"); f && *f == "date-time" && !is_time(text))
      out.push_back(path + ": \"" + std::string(text) + "\" is not an ISO 8601 date-time");
    if (auto* p = s->if_contains("pattern")) {
      const std::regex re(std::string(p->as_string()));
      if (!std::regex_search(text.begin(), text.end(), re)) out.push_back(path + ": \"" + std::string(text) + "\" does not match " + std::string(p->as_string()));
    }
  } else if (want == "array") {
    const auto& arr = value.as_array();
    if (auto* m = s->if_contains("maxItems"); m && arr.size() > m->to_number<std::size_t>()) out.push_back(path + ": has too many items");
    if (auto* items = s->if_contains("items"))
      for (std::size_t i = 0; i < arr.size(); ++i)
        for (auto& p : validate_schema(arr[i], *items, doc, path + "[" + std::to_string(i) + "]")) out.push_back(p);
  } else if (want == "object") {
    const auto& obj = value.as_object();
    const json::object empty;
    const auto* props = s->if_contains("properties");
    const auto& properties = props ? props->as_object() : empty;
    if (auto* req = s->if_contains("required"))
      for (const auto& name : req->as_array())
        if (!obj.contains(name.as_string())) out.push_back(path + "." + std::string(name.as_string()) + ": is required but missing");
    const auto* extra = s->if_contains("additionalProperties");
    for (const auto& [k, v] : obj) {
      const std::string field = path + "." + std::string(k);
      if (auto* p = properties.if_contains(k)) {
        for (auto& problem : validate_schema(v, *p, doc, field)) out.push_back(problem);
      } else if (extra && extra->is_bool() && !extra->as_bool()) {
        out.push_back(field + ": is not in the schema");
      } else if (extra && extra->is_object()) {
        for (auto& problem : validate_schema(v, *extra, doc, field)) out.push_back(problem);
      }
    }
  }
  return out;
}

std::vector<std::string> check_against_openapi(const Exchange& x) {
  const std::string where = x.method + " " + x.target + " -> " + std::to_string(x.status);
  const auto q = x.target.find('?');
  const std::string path = x.target.substr(0, q);
  if (path.rfind("/api/", 0) != 0) return {};  // the web app's files, not the API
  const std::string tmpl = match_template(path);
  std::string method = x.method;
  for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (method == "head") method = "get";
  const json::value* op = tmpl.empty() ? nullptr : spec().at("paths").at(tmpl).as_object().if_contains(method);
  if (!op) {
    // The router's own answers to an unknown path or method are fine; anything else means a route
    // that the document does not describe.
    if (x.status == 404 || x.status == 405 || x.status == 400) return {};
    return {where + ": no operation in /api/openapi.json for this method and path"};
  }
  std::vector<std::string> out;
  // Query parameters must be documented.
  if (q != std::string::npos) {
    std::string query = x.target.substr(q + 1);
    std::size_t start = 0;
    while (start < query.size()) {
      auto end = query.find('&', start);
      if (end == std::string::npos) end = query.size();
      const std::string name = query.substr(start, query.find('=', start) < end ? query.find('=', start) - start : end - start);
      bool documented = false;
      if (auto* params = op->as_object().if_contains("parameters"))
        for (const auto& p : params->as_array())
          documented = documented || (p.at("in") == "query" && p.at("name").as_string() == name);
      if (!name.empty() && !documented) out.push_back(where + ": query parameter '" + name + "' is not documented");
      start = end + 1;
    }
  }
  // The response: documented for this status (2xx exactly; errors may fall to "default").
  const auto& responses = op->at("responses").as_object();
  const json::value* reply = responses.if_contains(std::to_string(x.status));
  if (!reply && x.status >= 400) reply = responses.if_contains("default");
  if (!reply) {
    out.push_back(where + ": status " + std::to_string(x.status) + " is not documented");
    return out;
  }
  const auto* content = reply->as_object().if_contains("content");
  const std::string type = media_type(x.response_content_type);
  if (content && !content->as_object().empty()) {
    const auto* media = content->as_object().if_contains(type);
    if (!media) {
      out.push_back(where + ": content type '" + type + "' is not documented (" + json::serialize(*content).substr(0, 200) + ")");
      return out;
    }
    if (type == "application/json") {
      boost::system::error_code ec;
      const auto body = json::parse(x.response_body, ec);
      if (ec) out.push_back(where + ": the body is not JSON");
      else
        for (auto& p : validate_schema(body, media->at("schema"), spec())) out.push_back(where + ": " + p);
    }
  }
  // A request the server accepted must match the documented request body.
  if (x.status < 300 && media_type(x.request_content_type) == "application/json" && !x.request_body.empty()) {
    const auto* body_spec = op->as_object().if_contains("requestBody");
    if (!body_spec) {
      out.push_back(where + ": sent a JSON body, but the operation documents none");
    } else if (const auto* media = body_spec->at("content").as_object().if_contains("application/json")) {
      boost::system::error_code ec;
      const auto body = json::parse(x.request_body, ec);
      if (!ec)
        for (auto& p : validate_schema(body, media->at("schema"), spec(), "request")) out.push_back(where + ": " + p);
    }
  }
  return out;
}

}  // namespace gatepass::testing
