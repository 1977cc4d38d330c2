#pragma once
// JSON Schema pieces for the OpenAPI document (/api/openapi.json). Every route states its query
// parameters, body and replies with these; the document is built from the route table, and the API
// tests check every response they receive against it, so the description cannot drift from the code.
//
// Objects are closed (additionalProperties: false) and list their always-present fields as
// required, so a field added to a JSON writer without its schema fails the tests, as does one removed.
#include <initializer_list>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace gatepass::http::schema {

// One schema, built fluently: schema::text().max(200).example("Alice").
class S {
 public:
  S() = default;
  explicit S(boost::json::object o) : o_(std::move(o)) {}
  S& describe(std::string_view text);
  S& example(boost::json::value v);
  S& max(std::size_t length);  // maxLength for text, maxItems for arrays
  S& range(std::int64_t min, std::int64_t max);
  S& only(std::initializer_list<std::string_view> values);  // a text enum
  S& nullable();               // null is allowed too
  S& optional();               // as an object field: may be absent
  S& required();               // as an object field: must be present (the default)
  bool is_optional() const { return optional_; }
  const boost::json::object& json() const { return o_; }

 private:
  boost::json::object o_;
  bool optional_ = false;
};

struct Field {
  std::string name;
  S schema;
};

S text();
S integer();
S id();                   // a positive integer id
S number();
S boolean();
S time();                 // ISO 8601 UTC text, e.g. 2026-12-01T09:15:02.123Z
S money();                // decimal text, e.g. "12.50" (money is never a float)
S one_of(std::initializer_list<std::string_view> values);  // a text enum
S array(S items);
S object(std::vector<Field> fields);
S binary();               // bytes of a non-JSON answer (PNG, PDF, CSV)
S locale_texts();          // an organiser's text per language: {"de": "Sommerfest"} (issue 24)
S free_object();          // any JSON object (e.g. an audit entry's details)
S any();                  // any JSON value
// A named schema under components/schemas; `make` runs once, on first use.
S ref(const std::string& name, S (*make)());

// An object schema (a named one is copied from components) with more fields: for writers that
// add to another writer's object (closed objects cannot be combined with allOf).
S extend(const S& object_schema, std::vector<Field> more);

// Named schemas used so far, for components/schemas.
boost::json::object components();

// Shared shapes.
S error();                                 // {"error":{"code","message","fields"}}
S page(S item);                            // {"items","total","limit","offset"}
S items(S item);                           // {"items":[...]}
std::vector<std::string_view> error_codes();

// A made-up but valid instance of `s` (the field examples where given), for the docs' examples.
boost::json::value example_of(const boost::json::value& s, const boost::json::object& components);

}  // namespace gatepass::http::schema
