#pragma once
// JSON request bodies described once: a body is a plain struct whose members are listed with
// BOOST_DESCRIBE_STRUCT. From that one description come both
//   decode<T>(req)       the reading (every problem collected into one 400 naming the fields), and
//   body_schema<T>()     its schema in /api/openapi.json.
// The member's type says how it is read and what the schema says:
//   Required<T>                absent -> 400 "is required" here, at the edge
//   Needed<T>                  required in the schema; absence is reported by the use case, together
//                              with its other checks (so a form gets all its problems at once)
//   std::optional<T>           may be absent or null
//   std::optional<std::optional<T>>   PATCH of a nullable field: absent = keep, null = clear
//   Money, TextOrList          decimal text (or a JSON number), text or a list of texts
// with T one of std::string, std::int64_t, bool, LocaleTexts (an object of texts per language). Each body type has its example and any field
// descriptions or enums in BodyDocs<T>::document(BodyDoc&): by default T::document, or a
// specialisation for a use case's input type described where it is decoded.
#include <boost/describe.hpp>
#include <boost/mp11/algorithm.hpp>

#include <map>
#include <stdexcept>

#include "http/api_schema.hpp"
#include "http/json_io.hpp"
#include "http/router.hpp"

namespace gatepass::http {

template <class T>
struct Required {
  T value{};
  const T& operator*() const { return value; }
};
template <class T>
struct Needed : std::optional<T> {
  using std::optional<T>::optional;
  using std::optional<T>::operator=;
};
struct Money : std::optional<std::string> {
  using optional::optional;
  using optional::operator=;
};
struct TextOrList : std::optional<std::string> {
  using optional::optional;
  using optional::operator=;
};

// What a body type adds to its derived schema.
class BodyDoc {
 public:
  explicit BodyDoc(std::map<std::string, schema::S> fields) : fields_(std::move(fields)) {}
  // The derived schema of one member, to describe or restrict; an unknown name is a programming error.
  schema::S& field(const std::string& name) {
    auto it = fields_.find(name);
    if (it == fields_.end()) throw std::logic_error("BodyDoc: no field " + name);
    return it->second;
  }
  boost::json::object example;
  std::map<std::string, schema::S>& fields() { return fields_; }

 private:
  std::map<std::string, schema::S> fields_;
};

template <class T>
struct BodyDocs {
  static void document(BodyDoc& doc) { T::document(doc); }
};

namespace body_detail {
inline void read(FieldReader& f, const char* n, std::optional<std::string>& out) { out = f.string(n); }
inline void read(FieldReader& f, const char* n, std::optional<std::int64_t>& out) { out = f.integer(n); }
inline void read(FieldReader& f, const char* n, std::optional<bool>& out) { out = f.boolean(n); }
inline void read(FieldReader& f, const char* n, std::optional<std::optional<std::string>>& out) { out = f.nullable_string(n); }
inline void read(FieldReader& f, const char* n, std::optional<std::optional<std::int64_t>>& out) { out = f.nullable_integer(n); }
inline void read(FieldReader& f, const char* n, Money& out) { out = f.decimal(n); }
inline void read(FieldReader& f, const char* n, TextOrList& out) { out = f.text_or_list(n); }
inline void read(FieldReader& f, const char* n, std::optional<std::vector<std::int64_t>>& out) { out = f.id_list(n); }
inline void read(FieldReader& f, const char* n, std::optional<LocaleTexts>& out) { out = f.text_map(n); }
template <class T>
void read(FieldReader& f, const char* n, Needed<T>& out) {
  std::optional<T> v;
  read(f, n, v);
  out = std::move(v);
}
template <class T>
void read(FieldReader& f, const char* n, Required<T>& out) {
  std::optional<T> v;
  read(f, n, v);
  if (v) out.value = std::move(*v);
  else f.errors().add(n, "is required");  // a wrong type was named first and stays
}

inline schema::S plain(std::string*) { return schema::text(); }
inline schema::S plain(std::int64_t*) { return schema::integer(); }
inline schema::S plain(bool*) { return schema::boolean(); }
inline schema::S plain(std::vector<std::int64_t>*) { return schema::array(schema::id()); }
inline schema::S plain(LocaleTexts*) { return schema::locale_texts(); }

template <class T> schema::S of(std::optional<T>*) { return std::move(plain(static_cast<T*>(nullptr)).optional()); }
template <class T> schema::S of(std::optional<std::optional<T>>*) {
  return std::move(plain(static_cast<T*>(nullptr)).nullable().optional());
}
template <class T> schema::S of(Needed<T>*) { return plain(static_cast<T*>(nullptr)); }
template <class T> schema::S of(Required<T>*) { return plain(static_cast<T*>(nullptr)); }
inline schema::S of(Money*) {  // decimal text, or a JSON number (turned into text, never a double)
  schema::S s(boost::json::object{{"oneOf", {schema::money().json(), schema::number().json()}}, {"example", "12.50"}});
  return std::move(s.describe("A decimal amount: \"12.50\" (or the number 12.5)").optional());
}
inline schema::S of(TextOrList*) {
  schema::S s(boost::json::object{{"oneOf", {schema::text().json(), schema::array(schema::text()).json()}}});
  return std::move(s.describe("Text, or a list of texts (joined by new lines)").optional());
}
}  // namespace body_detail

template <class T>
T decode_fields(const boost::json::object& body) {
  FieldReader f(body);
  T out{};
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>(
      [&](auto member) { body_detail::read(f, member.name, out.*member.pointer); });
  f.finish();
  return out;
}

template <class T>
T decode(const Request& req) {
  return decode_fields<T>(parse_json_object(req));
}

// The body's schema (derived from its members, then documented by T::document) and its example.
struct BodySchema {
  schema::S schema;
  boost::json::object example;
};
// `required`: members that are std::optional in T (shared by create and change) but that this
// route needs, e.g. an event's name when it is created.
template <class T>
BodySchema body_schema(std::initializer_list<const char*> required = {}) {
  std::map<std::string, schema::S> fields;
  std::vector<std::string> order;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    using M = std::remove_reference_t<decltype(std::declval<T&>().*member.pointer)>;
    fields.emplace(member.name, body_detail::of(static_cast<M*>(nullptr)));
    order.emplace_back(member.name);
  });
  BodyDoc doc(std::move(fields));
  BodyDocs<T>::document(doc);
  for (const char* name : required) doc.field(name).required();
  std::vector<schema::Field> list;
  for (const auto& name : order) list.push_back({name, doc.fields().at(name)});
  return {schema::object(std::move(list)), std::move(doc.example)};
}

// The route's `.body`: a JSON body of type T.
template <class T>
Body json_body(std::initializer_list<const char*> required = {}) {
  auto b = body_schema<T>(required);
  return Body{"application/json", std::move(b.schema), std::move(b.example)};
}

// A JSON body that may be left out entirely (then: all its fields absent).
template <class T>
Body optional_json_body() {
  Body b = json_body<T>();
  b.required = false;
  return b;
}
template <class T>
T decode_optional(const Request& req) {
  return decode_fields<T>(req.body.empty() ? boost::json::object{} : parse_json_object(req));
}

}  // namespace gatepass::http
