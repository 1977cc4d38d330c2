// Scan history, the attendance report and the live stream (docs/gate-operations.md).
#include <chrono>

#include "app/gate/assignment.hpp"
#include "app/gate_reports.hpp"
#include "app/live_hub.hpp"
#include "domain/error.hpp"
#include "domain/gate_scan.hpp"
#include "http/gate_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

namespace {
namespace json = boost::json;

std::optional<std::string> scan_type_param(const Request& req) {
  auto t = query_text(req, "type", 32);
  if (t && *t != "undo" && !gate_scan::parse_scan_type(*t))
    throw Error(ErrorCode::validation, "Bad query parameter",
                {{"type", "must be entry, exit, attendance, entry_check, sale_confirmation or undo"}});
  return t;
}

// Cursors are ids of the last row a page showed, as text (clients must treat them as opaque).
std::optional<Id> cursor_param(const Request& req) { return query_integer(req, "after", 1, INT64_MAX); }

Id event_param(const RouteContext& c) { return path_id(c.param("id"), "id"); }

// The live stream: sends a message when the event's snapshot changes, a heartbeat comment when
// nothing was sent for kHeartbeat. Polled on an I/O thread; reads memory only.
class LiveStream final : public BodyStream {
 public:
  static constexpr auto kHeartbeat = std::chrono::seconds(15);
  LiveStream(std::shared_ptr<app::LiveHub::Watch> watch, std::uint64_t sent_version)
      : watch_(std::move(watch)), sent_version_(sent_version), last_write_(std::chrono::steady_clock::now()) {}

  bool next(std::string& out) override {
    const auto now = std::chrono::steady_clock::now();
    if (auto snap = watch_->latest(); snap && snap->version != sent_version_) {
      out += live_message(*snap, {});
      sent_version_ = snap->version;
      last_write_ = now;
    } else if (now - last_write_ >= kHeartbeat) {
      out += ": heartbeat\n\n";
      last_write_ = now;
    }
    return true;
  }
  bool endless() const override { return true; }
  int poll_ms() const override { return 100; }

 private:
  std::shared_ptr<app::LiveHub::Watch> watch_;
  std::uint64_t sent_version_;
  std::chrono::steady_clock::time_point last_write_;
};

std::optional<Id> last_event_id(const Request& req) {
  if (auto h = req.header("last-event-id"); h && !h->empty()) {
    Request as_query;
    as_query.query["Last-Event-ID"] = *h;
    return query_integer(as_query, "Last-Event-ID", 0, INT64_MAX);
  }
  return query_integer(req, "last_event_id", 0, INT64_MAX);
}

Response attendance(RouteContext& c) {
  const auto bucket = query_integer(c.req, "bucket_minutes", 1, 60).value_or(5);
  const Id event_id = event_param(c);
  // Scanners and devices read their own events' report (the steward's screen, docs/devices.md §5).
  if (c.caller().role == Role::scanner) app::gate::require_event(c.caller(), event_id);
  return json_response(200, to_json(app::attendance_report(c.app, event_id, static_cast<int>(bucket))));
}
}  // namespace

void add_scan_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/scans", .roles = {Role::admin, Role::viewer, Role::scanner}, .devices = true,
         .summary = "Scans, newest first; filters event_id, gate, result, type, device_id, since; keyset paging "
                    "with after=next_cursor (scanners: event_id required)",
         .query = {query("event_id", schema::id()), query("gate", schema::text().max(256)),
                   query("result", schema::text().max(32), "admitted, exited, recorded or a refusal's code"),
                   query("type", schemas::scan_row_type()), query("device_id", schema::text().max(64)),
                   query("since", schema::time(), "Only scans at or after this time"),
                   query("after", schema::text(), "The previous page's next_cursor"),
                   query("limit", schema::integer().range(1, app::kMaxPageSize), "Page size (default 50)")},
         .replies = {ok(schema::object({{"items", schema::array(schemas::scan())},
                                        {"limit", schema::integer()},
                                        {"next_cursor", schema::text().nullable().describe("Pass as after= for the next page; null: no more")}}))},
         .handler = [](RouteContext& c) {
           store::scans::Filter f;
           f.event_id = query_integer(c.req, "event_id", 1, INT64_MAX);
           if (c.caller().role == Role::scanner && !f.event_id)
             throw Error(ErrorCode::validation, "Choose the gate's event first",
                         {{"event_id", "is required when a scanner lists scans"}});
           if (f.event_id) app::gate::require_event(c.caller(), *f.event_id);
           f.gate = query_text(c.req, "gate", 256);
           f.result = query_text(c.req, "result", 32);
           f.type = scan_type_param(c.req);
           f.device_id = query_text(c.req, "device_id", 64);
           f.since = query_time(c.req, "since");
           f.before_id = cursor_param(c.req);
           const auto limit = query_integer(c.req, "limit", 1, app::kMaxPageSize).value_or(app::kDefaultPageSize);
           const auto page = app::list_scans(c.app, f, limit);
           json::array items;
           for (const auto& s : page.items) items.push_back(to_json(s));
           return json_response(200, json::object{{"items", std::move(items)},
                                                  {"limit", limit},
                                                  {"next_cursor", page.next_cursor ? json::value(std::to_string(*page.next_cursor))
                                                                                   : json::value(nullptr)}});
         }});
  r.add({.method = "GET", .pattern = "/api/tickets/{serial}/scans", .roles = {Role::admin, Role::viewer, Role::scanner},
         .devices = true,
         .summary = "A ticket's scans, oldest first (scanners: ?event_id= of their gate)",
         .query = {query("event_id", schema::id(), "The gate's event (required for scanners)")},
         .replies = {ok(schema::items(schemas::scan()))}, .handler = [](RouteContext& c) {
           const auto gate = app::gate::gate_event_of(c.caller(), query_integer(c.req, "event_id", 1, INT64_MAX));
           json::array items;
           for (const auto& s : app::ticket_scans(c.app, c.caller(), c.param("serial"), gate)) items.push_back(to_json(s));
           return json_response(200, json::object{{"items", std::move(items)}});
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/attendance", .roles = {Role::admin, Role::viewer, Role::scanner},
         .devices = true,
         .summary = "Attendance report: counts, arrivals per bucket and gate, inside over time, refusals "
                    "(scanners and devices: their events only)",
         .query = {query("bucket_minutes", schema::integer().range(1, 60), "Bucket size (default 5)")},
         .replies = {ok(schemas::attendance_report())}, .handler = attendance});
  r.add({.method = "GET", .pattern = "/api/scans/concert/{id}/attendance", .roles = {Role::admin, Role::viewer, Role::scanner},
         .devices = true,
         .summary = "Alias of /api/events/{id}/attendance (seed 002's name)",
         .query = {query("bucket_minutes", schema::integer().range(1, 60), "Bucket size (default 5)")},
         .replies = {ok(schemas::attendance_report())}, .handler = attendance});
  r.add({.method = "GET", .pattern = "/api/events/{id}/live", .roles = {Role::admin, Role::viewer, Role::scanner},
         .devices = true,
         .summary = "Server-Sent Events: live counts, per gate, last scans; heartbeat; Last-Event-ID resumes",
         .query = {query("last_event_id", schema::integer().range(0, INT64_MAX), "Resume after this scan id (as Last-Event-ID)")},
         .headers = {{"Last-Event-ID", schema::integer().range(0, INT64_MAX), "Resume: missed scans come in the first message"}},
         .replies = {{200,
                      schema::S({{"type", "string"},
                                 {"description", "`event: counts` messages whose data is x-message-data, with `id:` the "
                                                 "newest scan id; a `: heartbeat` comment every 15 s"},
                                 {"x-message-data", schemas::live_message_data().json()}}),
                      "text/event-stream", "An endless stream of Server-Sent Events"}},
         .handler = [](RouteContext& c) {
           const Id event_id = event_param(c);
           app::gate::require_event(c.caller(), event_id);
           const auto resume_after = last_event_id(c.req);
           // The event must exist: a stream of nothing would be a silent failure.
           app::require_event(c.app, event_id);
           // Streams per account, and per device (a device has no user id: its own negative key).
           const auto& who = c.caller();
           auto watch = c.app.live.watch(event_id, who.device ? -who.device->id : who.user_id);
           auto snap = watch->latest();
           std::vector<Scan> missed;
           if (resume_after) missed = app::scans_after(c.app, event_id, *resume_after, 200);
           Response res;
           res.content_type = "text/event-stream; charset=utf-8";
           res.headers.emplace_back("Cache-Control", "no-cache");
           res.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
           res.body = "retry: 2000\n\n";
           std::uint64_t sent = 0;
           if (snap) {
             res.body += live_message(*snap, missed);
             sent = snap->version;
           }
           res.stream = std::make_shared<LiveStream>(std::move(watch), sent);
           return res;
         }});
}

}  // namespace gatepass::http
