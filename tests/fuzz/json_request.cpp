// JSON request bodies and the field reader every handler uses.
#include "domain/error.hpp"
#include "fuzz.hpp"
#include "http/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gatepass::http::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  req.headers["content-type"] = "application/json";
  try {
    const auto obj = gatepass::http::parse_json_object(req);
    gatepass::http::FieldReader f(obj);
    // Every reader on every field the body has, plus the names real handlers read.
    std::vector<std::string> names;
    for (const auto& kv : obj) names.emplace_back(kv.key());
    for (const char* n : {"event_id", "name", "email", "amount", "members", "capacity", "active", "reason"}) names.emplace_back(n);
    for (const auto& n : names) {
      const char* k = n.c_str();
      (void)f.string(k);
      (void)f.integer(k);
      (void)f.boolean(k);
      (void)f.nullable_string(k);
      (void)f.nullable_integer(k);
      // A JSON number becomes non-empty decimal text (a string is passed on for validation as is).
      if (auto d = f.decimal(k); d && !obj.at(k).is_string()) FUZZ_CHECK(!d->empty());
      (void)f.text_or_list(k);
      (void)f.has(k);
    }
    f.finish();
  } catch (const gatepass::Error& e) {
    FUZZ_CHECK(e.code() == gatepass::ErrorCode::validation || e.code() == gatepass::ErrorCode::unsupported_media_type);
  }
  return 0;
}
