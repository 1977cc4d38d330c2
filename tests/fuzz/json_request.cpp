// JSON request bodies and the field reader every handler uses.
#include <cmath>
#include <cstdlib>

#include "domain/error.hpp"
#include "fuzz.hpp"
#include "http/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gatepass::http::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  req.headers["content-type"] = "application/json";
  boost::json::object obj;
  try {
    obj = gatepass::http::parse_json_object(req);
  } catch (const gatepass::Error& e) {
    FUZZ_CHECK(e.code() == gatepass::ErrorCode::validation);
    return 0;
  }
  gatepass::http::FieldReader f(obj);
  // Every reader on every field the body has, plus the names real handlers read.
  std::vector<std::string> names;
  for (const auto& kv : obj) names.emplace_back(kv.key());
  for (const char* n : {"event_id", "name", "email", "amount", "members", "capacity", "active", "reason"}) names.emplace_back(n);
  bool some_value = false;  // every non-null value is the wrong type for at least one reader
  for (const auto& n : names) {
    const char* k = n.c_str();  // as handlers pass names (a key with a NUL is cut there)
    const auto it = obj.find(k);
    const boost::json::value* v = it == obj.end() ? nullptr : &it->value();
    if (v && !v->is_null()) some_value = true;

    const auto s = f.string(k);
    FUZZ_CHECK(s.has_value() == (v && v->is_string()));
    if (s) FUZZ_CHECK(*s == v->as_string());
    const auto i = f.integer(k);
    if (i) {
      FUZZ_CHECK(v->is_number());
      if (v->is_int64()) FUZZ_CHECK(*i == v->as_int64());
      if (v->is_uint64()) FUZZ_CHECK(*i >= 0 && static_cast<std::uint64_t>(*i) == v->as_uint64());
      if (v->is_double()) FUZZ_CHECK(static_cast<double>(*i) == v->as_double());
    } else if (v && v->is_int64()) {
      FUZZ_CHECK(false);  // every int64 is an integer
    }
    const auto b = f.boolean(k);
    FUZZ_CHECK(b.has_value() == (v && v->is_bool()));
    const auto ns = f.nullable_string(k);
    FUZZ_CHECK(ns.has_value() == (v && (v->is_null() || v->is_string())));
    const auto ni = f.nullable_integer(k);
    FUZZ_CHECK(!ni || (v && (v->is_null() || i)));
    // A JSON number becomes non-empty decimal text (a string is passed on for validation as is).
    const auto d = f.decimal(k);
    if (d && !v->is_string()) {
      FUZZ_CHECK(!d->empty() && v->is_number());
      if (v->is_double()) FUZZ_CHECK(std::strtod(d->c_str(), nullptr) == v->as_double());  // round-trips
    }
    // Boost.JSON reads 1e400 as inf and 0e400 as NaN: never an amount, always a field error.
    if (v && v->is_double() && !std::isfinite(v->as_double())) FUZZ_CHECK(!d);
    if (auto t = f.text_or_list(k)) FUZZ_CHECK(v->is_string() || v->is_array());
    FUZZ_CHECK(f.has(k) == (v != nullptr));
  }
  try {
    f.finish();
    FUZZ_CHECK(!some_value);
  } catch (const gatepass::Error& e) {
    FUZZ_CHECK(e.code() == gatepass::ErrorCode::validation && some_value && !e.fields().empty());
  }
  return 0;
}
