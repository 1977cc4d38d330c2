// Enrolled scanner devices (docs/devices.md §1): create with a pairing code, enrol, list, change,
// revoke, roll. The device token itself is checked by the router (`Authorization: Device`).
#include "app/gate/devices.hpp"

#include "domain/time.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

struct DeviceBody {
  std::optional<std::string> name;
  std::optional<std::vector<std::int64_t>> event_ids;
  std::optional<std::optional<std::string>> gate;
  static void document(BodyDoc& d) {
    d.field("name").max(64).describe("What the stewards call it, e.g. North gate phone 1");
    d.field("event_ids").describe("The events it scans (1 to 50)");
    d.field("gate").max(64).describe("Set: it scans only at this gate; null: the steward picks one");
    d.example = {{"name", "North gate phone 1"}, {"event_ids", json::array{7}}, {"gate", "North"}};
  }
};
BOOST_DESCRIBE_STRUCT(DeviceBody, (), (name, event_ids, gate))

struct EnrolBody {
  Required<std::string> pairing_code;
  Required<std::string> app_version;
  static void document(BodyDoc& d) {
    d.field("pairing_code").max(64).describe("The code under the pairing QR (dashes and case do not matter)");
    d.field("app_version").max(32);
    d.example = {{"pairing_code", "ABCD-EFGH-IJKL-MNOP"}, {"app_version", "web-1.4.0"}};
  }
};
BOOST_DESCRIBE_STRUCT(EnrolBody, (), (pairing_code, app_version))

app::gate::DeviceInput input_of(const DeviceBody& b) { return {b.name, b.event_ids, b.gate}; }

json::value opt_time(const std::optional<Millis>& t) { return time_or_null(t); }
template <class T>
json::value opt_value(const std::optional<T>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object device_json(const app::gate::Device& d, Millis now) {
  json::array ids;
  for (Id e : d.event_ids) ids.push_back(e);
  const char* status = d.revoked_at ? "revoked" : d.enrolled ? "active" : "pending";
  return {{"id", d.id},
          {"device_id", d.device_id},
          {"name", d.name},
          {"gate", opt_value(d.gate)},
          {"event_ids", std::move(ids)},
          {"status", status},
          {"created_at", format_iso8601(d.created_at)},
          {"enrolled_at", opt_time(d.enrolled_at)},
          {"revoked_at", opt_time(d.revoked_at)},
          {"last_seen_at", opt_time(d.last_seen_at)},
          {"app_version", opt_value(d.app_version)},
          {"pack_generated_at", opt_time(d.pack_generated_at)},
          {"pack_age_seconds", d.pack_generated_at ? json::value((now - *d.pack_generated_at) / 1000) : json::value(nullptr)},
          {"queued_at_last_sync", opt_value(d.queued_at_last_sync)},
          {"clock_skew_ms", opt_value(d.clock_skew_ms)},
          {"last_sync_at", opt_time(d.last_sync_at)}};
}

schema::S device_schema() {
  using namespace schema;
  return ref("Device", [] {
    return object({{"id", id()},
                   {"device_id", text().example("dev-7KQ2M9XD").describe("Made by the server; the name its scans carry")},
                   {"name", text()},
                   {"gate", text().nullable()},
                   {"event_ids", array(id())},
                   {"events", array(object({{"id", id()}, {"name", text()}})).describe("The assigned events with their names")},
                   {"status", one_of({"pending", "active", "revoked"})},
                   {"created_at", time()},
                   {"enrolled_at", time().nullable()},
                   {"revoked_at", time().nullable()},
                   {"last_seen_at", time().nullable().describe("Updated at most once a minute")},
                   {"app_version", text().nullable()},
                   {"pack_generated_at", time().nullable().describe("generated_at of the last pack or delta it fetched")},
                   {"pack_age_seconds", integer().nullable()},
                   {"queued_at_last_sync", integer().nullable().describe("Scans its last upload carried")},
                   {"clock_skew_ms", integer().nullable().describe("Server time minus the device's clock at its last upload")},
                   {"last_sync_at", time().nullable()}});
  });
}

schema::S pairing_schema() {
  using namespace schema;
  return object({{"device", device_schema()},
                 {"pairing_code", text().example("ABCD-EFGH-IJKL-MNOP").describe("One-time, 10 minutes")},
                 {"pairing_url", text().example("/scan#pair=ABCD-EFGH-IJKL-MNOP").describe("Show as a QR with the page's origin")},
                 {"pairing_expires_at", time()}});
}

// The device with its events' names (every answer carries them: the admin list and the phone's
// picker show names, not ids).
json::object device_with_events(RouteContext& c, const app::gate::Device& d);

json::object pairing_json(RouteContext& c, const app::gate::Pairing& p) {
  json::object out{{"device", device_with_events(c, p.device)},
                   {"pairing_code", p.pairing_code},
                   {"pairing_url", "/scan#pair=" + p.pairing_code},
                   {"pairing_expires_at", format_iso8601(p.pairing_expires_at)}};
  if (p.token) out["token"] = *p.token;
  return out;
}

json::object device_with_events(RouteContext& c, const app::gate::Device& d) {
  auto out = device_json(d, c.app.now());
  json::array events;
  for (const auto& e : app::gate::device_events(c.app, d)) events.push_back({{"id", e.id}, {"name", e.name}});
  out["events"] = std::move(events);
  return out;
}

Id device_param(const RouteContext& c) { return path_id(c.param("id"), "id"); }
}  // namespace

void add_device_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/devices", .roles = {Role::admin}, .writes = true,
         .summary = "Create a scanner device for some events (and a gate): answers a one-time pairing code (10 minutes)",
         .body = json_body<DeviceBody>({"name", "event_ids"}),
         .replies = {created(pairing_schema())}, .handler = [](RouteContext& c) {
           const auto p = app::gate::create_device(c.app, c.caller(), input_of(decode<DeviceBody>(c.req)));
           return json_response(201, pairing_json(c, p));
         }});
  r.add({.method = "POST", .pattern = "/api/devices/enroll", .access = Access::open, .writes = true,
         .anonymous_write = true,
         .summary = "Enrol a scanner with its pairing code: answers the device token (send it as Authorization: "
                    "Device <token>); the code works once",
         .body = json_body<EnrolBody>(),
         .replies = {ok(schema::object({{"token", schema::text().describe("Long-lived; shown once")},
                                        {"device", device_schema()}}))},
         .handler = [](RouteContext& c) {
           const auto in = decode<EnrolBody>(c.req);
           const auto e = app::gate::enroll_device(c.app, *in.pairing_code, *in.app_version);
           return json_response(200, {{"token", e.token}, {"device", device_with_events(c, e.device)}});
         }});
  r.add({.method = "GET", .pattern = "/api/devices", .roles = {Role::admin},
         .summary = "Scanner devices: status, events, gate, last seen, app version, pack age, queue and clock skew",
         .replies = {ok(schema::items(device_schema()))}, .handler = [](RouteContext& c) {
           json::array items;
           for (const auto& d : app::gate::list_devices(c.app)) items.push_back(device_with_events(c, d));
           return json_response(200, {{"items", std::move(items)}});
         }});
  r.add({.method = "GET", .pattern = "/api/devices/me", .roles = {Role::scanner}, .devices = true,
         .summary = "The calling device: its events (with names) and gate",
         .replies = {ok(schema::object({{"device", device_schema()}}))}, .handler = [](RouteContext& c) {
           const auto d = app::gate::current_device(c.app, c.caller());
           return json_response(200, {{"device", device_with_events(c, d)}});
         }});
  r.add({.method = "PATCH", .pattern = "/api/devices/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Rename a device, change its events or gate (applies to its next request)",
         .body = json_body<DeviceBody>(), .replies = {ok(schema::object({{"device", device_schema()}}))},
         .handler = [](RouteContext& c) {
           const auto d = app::gate::update_device(c.app, c.caller(), device_param(c), input_of(decode<DeviceBody>(c.req)));
           return json_response(200, {{"device", device_with_events(c, d)}});
         }});
  r.add({.method = "POST", .pattern = "/api/devices/{id}/revoke", .roles = {Role::admin}, .writes = true,
         .summary = "Revoke a device: its token stops at once",
         .replies = {ok(schema::object({{"device", device_schema()}}))}, .handler = [](RouteContext& c) {
           const auto d = app::gate::revoke_device(c.app, c.caller(), device_param(c));
           return json_response(200, {{"device", device_with_events(c, d)}});
         }});
  r.add({.method = "POST", .pattern = "/api/devices/{id}/roll", .roles = {Role::admin}, .writes = true,
         .summary = "A new token for a device (the old one stops at once) and a new pairing code to re-pair the phone",
         .replies = {ok(schema::object({{"device", device_schema()},
                                        {"token", schema::text()},
                                        {"pairing_code", schema::text()},
                                        {"pairing_url", schema::text()},
                                        {"pairing_expires_at", schema::time()}}))},
         .handler = [](RouteContext& c) {
           const auto p = app::gate::roll_device(c.app, c.caller(), device_param(c));
           return json_response(200, pairing_json(c, p));
         }});
}

}  // namespace gatepass::http
