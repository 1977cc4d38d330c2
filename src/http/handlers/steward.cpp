// The steward's screen (docs/devices.md §5): undo an admission, name search at the gate, the gate
// summary. (The attendance report for scanners is in scans.cpp.)
#include "app/gate/attendee_search.hpp"
#include "app/gate/gate_summary.hpp"
#include "app/gate/undo_admission.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"
#include "http/gate_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

struct UndoBody {
  Required<std::string> reason;
  static void document(BodyDoc& d) {
    d.field("reason").max(2048).describe("Why (1-500 characters): kept on the undo scan row and in the audit log");
    d.example = {{"reason", "Scanned the wrong ticket: the holder is still outside"}};
  }
};
BOOST_DESCRIBE_STRUCT(UndoBody, (), (reason))

schema::S undo_outcome() {
  using namespace schema;
  return ref("UndoneAdmission", [] {
    auto fields = schemas::gate_ticket_fields();
    fields.push_back({"result", one_of({"undone"})});
    fields.push_back({"scan", schemas::scan()});
    fields.push_back({"undone_scan", schemas::scan().nullable()});
    return std::move(object(std::move(fields))
                         .describe("The ticket as it is now; scan: the undo row (type undo, result undone); "
                                   "undone_scan: the admission undone (null: made before scans were kept)"));
  });
}

schema::S attendee() {
  using namespace schema;
  return ref("GateAttendee", [] {
    return object({{"name", text().example("Alice Example")},
                   {"team", text().nullable()},
                   {"serial", text().example("EVT2026-000042")},
                   {"state", std::move(one_of({"created", "valid", "used", "inside", "refunded", "void"})
                                           .describe("inside: admitted and inside now; used: admitted, not inside"))}});
  });
}

schema::S gate_summary() {
  using namespace schema;
  return ref("GateSummary", [] {
    return object({{"event_id", id()},
                   {"gate", text().nullable().describe("The device's gate, else the one asked for")},
                   {"device_id", text().nullable().describe("The device's id, else the one asked for")},
                   {"inside", integer().describe("Inside now, every gate")},
                   {"admitted_total", integer().describe("Tickets admitted at least once")},
                   {"admitted_at_gate", integer().describe("Entries at this gate, undone ones taken out (without a gate: the scans that named none)")},
                   {"typed_misses_at_gate", integer().describe("Typed serials that named no ticket at this gate (not refusals)")},
                   {"last_scans", std::move(array(schemas::scan())
                                                .describe("This device's last 20 scans (without a device: the caller's), newest first"))},
                   {"at", time()}});
  });
}

Id event_param(const RouteContext& c) { return path_id(c.param("id"), "id"); }
}  // namespace

void add_steward_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/tickets/{serial}/undo-admission", .roles = {Role::admin, Role::scanner},
         .writes = true, .devices = true,
         .summary = "Undo an admission: the ticket is valid again (not inside, used_at cleared), an undo scan row is "
                    "written, audited checkin.undo. Admins: any admission; scanners and devices: the ticket's last "
                    "admission if they made it, within GATEPASS_UNDO_ADMISSION_MINUTES (5). 409 not_admitted, "
                    "403 undo_window_passed",
         .body = json_body<UndoBody>(), .replies = {ok(undo_outcome(), "Undone")},
         .handler = [](RouteContext& c) {
           const auto body = decode<UndoBody>(c.req);
           const auto undone = app::gate::undo_admission(c.app, c.caller(), c.param("serial"), *body.reason);
           auto out = ticket_json(undone.ticket, audience_of(c.caller().role));
           out["result"] = "undone";
           out["scan"] = to_json(undone.scan);
           out["undone_scan"] = undone.admission ? json::value(to_json(*undone.admission)) : json::value(nullptr);
           return json_response(200, std::move(out));
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/attendees", .roles = {Role::admin, Role::scanner}, .devices = true,
         .summary = "Name search at the gate (the event's gate_lookup must be name, else 403 gate_lookup_disabled): "
                    "at most 10 holders whose name or team contains q, without contact details; audited, "
                    "GATEPASS_GATE_LOOKUPS_PER_MINUTE (20) per device or user, 429 beyond",
         .query = {Param{"q", schema::text().max(256), "2 to 64 characters of the holder's name or team", true}},
         .replies = {ok(schema::items(attendee()))},
         .handler = [](RouteContext& c) {
           const auto q = query_text(c.req, "q", 256);
           if (!q) throw Error(ErrorCode::validation, "Bad search", {{"q", "is required (2 to 64 characters)"}});
           json::array items;
           for (const auto& a : app::gate::search_attendees(c.app, c.caller(), event_param(c), *q))
             items.push_back({{"name", a.name},
                              {"team", a.team ? json::value(*a.team) : json::value(nullptr)},
                              {"serial", a.serial},
                              {"state", app::gate::attendee_state(a)}});
           return json_response(200, json::object{{"items", std::move(items)}});
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/gate-summary", .roles = {Role::admin, Role::viewer, Role::scanner},
         .devices = true,
         .summary = "The steward's screen: inside now, admitted in total and at this gate, this device's last 20 scans "
                    "(a device gets its own gate and device)",
         .query = {query("gate", schema::text().max(256), "The gate (a device's own gate wins)"),
                   query("device_id", schema::text().max(256), "The device (a device's own id wins)")},
         .replies = {ok(gate_summary())},
         .handler = [](RouteContext& c) {
           const auto s = app::gate::gate_summary(c.app, c.caller(), event_param(c), query_text(c.req, "gate", 256),
                                                  query_text(c.req, "device_id", 256));
           json::array scans;
           for (const auto& scan : s.last_scans) scans.push_back(to_json(scan));
           auto opt = [](const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); };
           return json_response(200, json::object{{"event_id", s.event_id},
                                                  {"gate", opt(s.gate)},
                                                  {"device_id", opt(s.device_id)},
                                                  {"inside", s.inside},
                                                  {"admitted_total", s.admitted_total},
                                                  {"admitted_at_gate", s.admitted_at_gate},
                                                  {"typed_misses_at_gate", s.typed_misses_at_gate},
                                                  {"last_scans", std::move(scans)},
                                                  {"at", format_iso8601(s.at)}});
         }});
}

}  // namespace gatepass::http
