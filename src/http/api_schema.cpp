#include "http/api_schema.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "domain/error.hpp"

namespace gatepass::http::schema {

namespace json = boost::json;

S& S::describe(std::string_view text) {
  o_["description"] = text;
  return *this;
}
S& S::example(json::value v) {
  o_["example"] = std::move(v);
  return *this;
}
S& S::max(std::size_t length) {
  o_[o_.contains("items") ? "maxItems" : "maxLength"] = length;
  return *this;
}
S& S::range(std::int64_t min, std::int64_t max) {
  o_["minimum"] = min;
  o_["maximum"] = max;
  return *this;
}
S& S::only(std::initializer_list<std::string_view> values) {
  json::array e;
  for (auto v : values) e.emplace_back(v);
  o_["enum"] = std::move(e);
  return *this;
}
S& S::nullable() {
  if (o_.contains("$ref")) {  // OpenAPI 3.0 ignores siblings of $ref: wrap it
    o_ = json::object{{"allOf", json::array{std::move(o_)}}};
  }
  o_["nullable"] = true;
  return *this;
}
S& S::required() {
  optional_ = false;
  return *this;
}
S& S::optional() {
  optional_ = true;
  return *this;
}

S text() { return S({{"type", "string"}}); }
S integer() { return S({{"type", "integer"}, {"format", "int64"}}); }
S id() { return S({{"type", "integer"}, {"format", "int64"}, {"minimum", 1}, {"example", 42}}); }
S number() { return S({{"type", "number"}}); }
S boolean() { return S({{"type", "boolean"}}); }
S time() {
  return S({{"type", "string"}, {"format", "date-time"}, {"example", "2026-12-01T09:15:02.123Z"}});
}
S money() {
  return S({{"type", "string"}, {"pattern", "^-?[0-9]+(\\.[0-9]+)?$"}, {"example", "12.50"},
            {"description", "A decimal amount as text (money is never a float)"}});
}
S one_of(std::initializer_list<std::string_view> values) { return std::move(text().only(values)); }
S array(S items) { return S({{"type", "array"}, {"items", items.json()}}); }
S object(std::vector<Field> fields) {
  json::object props;
  json::array required;
  for (auto& f : fields) {
    if (props.contains(f.name)) throw std::logic_error("schema::object: field " + f.name + " twice");
    if (!f.schema.is_optional()) required.emplace_back(f.name);
    props[f.name] = f.schema.json();
  }
  json::object o{{"type", "object"}, {"properties", std::move(props)}, {"additionalProperties", false}};
  if (!required.empty()) o["required"] = std::move(required);
  return S(std::move(o));
}
S binary() { return S({{"type", "string"}, {"format", "binary"}}); }
S locale_texts() {
  return S({{"type", "object"},
            {"additionalProperties", {{"type", "string"}}},
            {"description", "Text per language (en, de, fr, es); the event's default_locale entry required"},
            {"example", {{"en", "Summer Fest"}, {"de", "Sommerfest"}}}});
}
S free_object() { return S({{"type", "object"}, {"additionalProperties", true}}); }
S any() { return S(json::object{}); }

namespace {
struct Registry {
  std::mutex mu;
  json::object schemas;
};
Registry& registry() {
  static Registry r;
  return r;
}
}  // namespace

S ref(const std::string& name, S (*make)()) {
  auto& reg = registry();
  bool missing;
  {
    std::lock_guard lock(reg.mu);
    missing = !reg.schemas.contains(name);
    if (missing) reg.schemas[name] = nullptr;  // placeholder: a schema may refer to itself
  }
  if (missing) {
    S made = make();
    std::lock_guard lock(reg.mu);
    reg.schemas[name] = made.json();
  }
  return S({{"$ref", "#/components/schemas/" + name}});
}

json::object components() {
  auto& reg = registry();
  std::lock_guard lock(reg.mu);
  return reg.schemas;
}

std::vector<std::string_view> error_codes() {
  std::vector<std::string_view> out;
  for (int c = 0; c <= static_cast<int>(ErrorCode::internal); ++c) out.push_back(to_string(static_cast<ErrorCode>(c)));
  // Codes the transport itself answers with (router and server), not domain errors.
  for (std::string_view c : {"bad_request", "method_not_allowed", "request_timeout", "not_found"})
    if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

S error() {
  return ref("Error", [] {
    json::array codes;
    for (auto c : error_codes()) codes.emplace_back(c);
    S code({{"type", "string"}, {"enum", std::move(codes)}});
    code.example(json::string(to_string(ErrorCode::validation)));
    S fields({{"type", "object"}, {"additionalProperties", {{"type", "string"}}}});
    fields.describe("Each offending field (or parameter, or header) and why").example(json::object{{"email", "is not an email address"}});
    return object({{"error", object({{"code", code},
                                     {"message", text().example("Some fields are not valid")},
                                     {"fields", fields}})}});
  });
}

S extend(const S& named, std::vector<Field> more) {
  json::object base;
  if (const auto* r = named.json().if_contains("$ref")) {
    const std::string ref(r->as_string());
    base = components().at(ref.substr(ref.rfind('/') + 1)).as_object();
  } else {
    base = named.json();
  }
  auto& props = base["properties"].as_object();
  if (!base.contains("required")) base["required"] = json::array{};
  auto& required = base["required"].as_array();
  for (auto& f : more) {
    if (!f.schema.is_optional()) required.emplace_back(f.name);
    props[f.name] = f.schema.json();
  }
  return S(std::move(base));
}

S page(S item) {
  return object({{"items", array(std::move(item))},
                 {"total", integer().describe("All matching rows, not just this page")},
                 {"limit", integer().range(1, 200)},
                 {"offset", integer()}});
}

S items(S item) { return object({{"items", array(std::move(item))}}); }

json::value example_of(const json::value& s, const json::object& components) {
  const auto* o = s.if_object();
  if (!o) return nullptr;
  if (auto* e = o->if_contains("example")) return *e;
  if (auto* r = o->if_contains("$ref")) {
    const std::string name(r->as_string().subview(sizeof("#/components/schemas/") - 1));
    if (auto* target = components.if_contains(name)) return example_of(*target, components);
    return nullptr;
  }
  if (auto* all = o->if_contains("allOf")) return example_of(all->as_array().at(0), components);
  if (auto* one = o->if_contains("oneOf")) return example_of(one->as_array().at(0), components);
  if (auto* e = o->if_contains("enum")) return e->as_array().at(0);
  const auto* type = o->if_contains("type");
  const std::string_view t = type ? std::string_view(type->as_string()) : "";
  if (t == "object") {
    json::object out;
    if (auto* props = o->if_contains("properties"))
      for (const auto& [k, v] : props->as_object()) out[k] = example_of(v, components);
    return out;
  }
  if (t == "array") return json::array{example_of(o->at("items"), components)};
  if (t == "integer") return o->contains("minimum") ? o->at("minimum") : json::value(1);
  if (t == "number") return 1.5;
  if (t == "boolean") return true;
  if (t == "string") return o->contains("format") && o->at("format") == "binary" ? json::value(nullptr) : json::value("text");
  return nullptr;
}

}  // namespace gatepass::http::schema
