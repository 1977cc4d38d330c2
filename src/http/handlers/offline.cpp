// Offline gates: the event pack, the upload of offline admissions, the conflict report
// (docs/offline-gates.md).
#include <boost/json.hpp>

#include "app/gate/assignment.hpp"
#include "app/gate/devices.hpp"
#include "app/offline_pack.hpp"
#include "app/offline_sync.hpp"
#include "domain/time.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"
#include "http/offline_json.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

// The upload's JSON into the use case's input; shape errors name the field (scans[2].scanned_at).
// Limits on values (lengths, nonces, time range) are checked by the use case.
app::OfflineUpload read_upload(const Request& req) {
  const auto body = parse_json_object(req);
  FieldReader top(body);
  app::OfflineUpload up;
  up.device_id = top.string("device_id").value_or("");
  auto& errors = top.errors();
  const auto read_time = [&](const json::value* v, const std::string& field, bool required) -> std::optional<Millis> {
    if (!v || v->is_null()) {
      if (required) errors.add(field, "is required (ISO 8601 time, e.g. 2026-12-01T09:15:02.123Z)");
      return std::nullopt;
    }
    const auto* s = v->if_string();
    const auto t = s ? parse_iso8601(std::string_view(s->data(), s->size())) : std::nullopt;
    if (!t) errors.add(field, "must be an ISO 8601 time with Z or an offset, e.g. 2026-12-01T09:15:02.123Z");
    return t;
  };
  up.sent_at = read_time(body.if_contains("sent_at"), "sent_at", false);
  up.queued = top.integer("queued");
  const auto* scans = body.if_contains("scans");
  if (!scans || !scans->is_array()) {
    errors.add("scans", "must be an array of scans");
    top.finish();
  }
  const auto& list = scans->get_array();
  // Shape errors beyond the limit would only repeat; the use case refuses the size anyway.
  for (std::size_t i = 0; i < list.size() && i <= offline::kMaxScansPerUpload; ++i) {
    const auto prefix = "scans[" + std::to_string(i) + "].";
    const auto* item = list[i].if_object();
    if (!item) {
      errors.add("scans[" + std::to_string(i) + "]", "must be an object");
      continue;
    }
    app::OfflineScanInput in;
    const auto text = [&](const char* name, bool required) -> std::optional<std::string> {
      const auto* v = item->if_contains(name);
      if (!v || v->is_null()) {
        if (required) errors.add(prefix + name, "is required");
        return std::nullopt;
      }
      if (!v->is_string()) {
        errors.add(prefix + name, "must be a string");
        return std::nullopt;
      }
      return std::string(v->get_string());
    };
    in.code = text("code", true).value_or("");
    in.nonce = text("nonce", true).value_or("");
    in.gate = text("gate", false);
    in.type = text("type", false).value_or("entry");
    in.scanned_at = read_time(item->if_contains("scanned_at"), prefix + "scanned_at", true).value_or(0);
    up.scans.push_back(std::move(in));
  }
  if (list.size() > offline::kMaxScansPerUpload) up.scans.resize(offline::kMaxScansPerUpload + 1);
  top.finish();
  return up;
}
}  // namespace

void add_offline_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/events/{id}/offline-pack", .roles = {Role::admin, Role::scanner}, .heavy = true, .max_parallel = 8,
         .devices = true,
         .summary = "The event pack for offline scanning: public keys, refused ticket numbers, replaced codes and a "
                    "cursor; ?since=CURSOR returns only what changed",
         .query = {query("since", schema::text().max(32), "A previous pack's cursor: only what changed since")},
         .replies = {ok(schemas::offline_pack())}, .handler = [](RouteContext& c) {
           const Id event_id = path_id(c.param("id"), "id");
           app::gate::require_event(c.caller(), event_id);
           const auto since = query_text(c.req, "since", 32);
           const auto pack = app::offline_pack(c.app, event_id, since);
           app::gate::note_pack_fetched(c.app, c.caller(), pack.generated_at);
           auto res = json_response(200, to_json(pack));
           res.headers.emplace_back("Cache-Control", "no-store");
           return res;
         }});
  r.add({.method = "POST", .pattern = "/api/scans/offline", .roles = {Role::admin, Role::scanner}, .commit_fiber = true,
         .fiber_on_postgres = true, .devices = true,
         .summary = "Upload scans admitted offline: applied in scan-time order, first admission wins, later ones are "
                    "conflicts; idempotent by nonce",
         .body = Body{"application/json", schemas::offline_upload(),
                      {{"device_id", "phone-7"},
                       {"sent_at", "2026-12-01T09:20:00.000Z"},
                       {"scans", boost::json::array{{{"code", "GP1:AEAAAA..."}, {"nonce", "phone-7-000042"},
                                                      {"scanned_at", "2026-12-01T09:15:02.123Z"}, {"gate", "North"}}}}}},
         .replies = {ok(schemas::offline_sync_answer(), "Each scan's outcome, in the order sent")}, .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::sync_offline_scans(c.app, c.caller(), read_upload(c.req))));
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/conflicts", .roles = {Role::admin, Role::viewer},
         .summary = "Offline conflicts of an event (double admissions, scans after refund/void/transfer) and the "
                    "devices that synced, with their clock skew",
         .replies = {ok(schemas::conflict_report())}, .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::conflict_report(c.app, path_id(c.param("id"), "id"))));
         }});
}

}  // namespace gatepass::http
