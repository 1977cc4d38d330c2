#include "app/checkin.hpp"

#include "domain/error.hpp"
#include "domain/ticket_state.hpp"
#include "domain/time.hpp"
#include "domain/gate_scan.hpp"
#include "http/gate_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/error_mapping.hpp"
#include "http/json_io.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
// The scan's settings in a JSON body (the same names also work as query parameters).
struct ScanBody {
  std::optional<std::string> type;
  std::optional<std::string> gate;
  std::optional<std::string> device_id;
  std::optional<std::string> note;
  std::optional<std::int64_t> event_id;
  static void document(BodyDoc& d) {
    d.field("type").only({"entry", "exit", "attendance", "entry_check", "sale_confirmation"}).describe("Default entry");
    d.field("gate").max(256).describe("Where the scan happened, e.g. North");
    d.field("device_id").max(256);
    d.field("note").max(2048);
    d.field("event_id").range(1, INT64_MAX).describe("The gate's event: another event's ticket is refused (wrong_event)");
    d.example = {{"type", "entry"}, {"event_id", 1}, {"gate", "North"}, {"device_id", "phone-7"}};
  }
};
BOOST_DESCRIBE_STRUCT(ScanBody, (), (type, gate, device_id, note, event_id))

std::vector<Param> scan_query() {
  return {query("event_id", schema::id(), "The gate's event: another event's ticket is refused (wrong_event)"),
          query("type", schema::one_of({"entry", "exit", "attendance", "entry_check", "sale_confirmation"}), "Default entry"),
          query("gate", schema::text().max(256), "Where the scan happened"),
          query("device_id", schema::text().max(256)),
          query("note", schema::text().max(2048))};
}

schema::S refusal_or_error(schema::S refusal) {
  return schema::S(boost::json::object{{"oneOf", {refusal.json(), schema::error().json()}}});
}

std::string checked_code(const RouteContext& c) {
  const auto& code = c.param("code");
  if (code.size() > 512) throw Error(ErrorCode::invalid_ticket, "Invalid ticket: unknown or forged code");
  return code;
}

std::optional<std::string> idempotency_key(const Request& req) {
  auto key = req.header("idempotency-key");
  if (!key) return std::nullopt;
  // Visible ASCII only: a key is compared and stored, never shown, and must survive any database.
  const bool visible_ascii = std::all_of(key->begin(), key->end(), [](char ch) { return ch > 0x20 && ch < 0x7F; });
  if (key->empty() || key->size() > 128 || !visible_ascii)
    throw Error(ErrorCode::validation, "Bad Idempotency-Key",
                {{"Idempotency-Key", "must be 1 to 128 visible ASCII characters"}});
  return key;
}

// type, gate, device_id, note: query parameters, or the same names in a JSON body.
app::ScanRequest read_scan_request(const RouteContext& c) {
  app::ScanRequest r;
  r.code = checked_code(c);
  r.idempotency_key = idempotency_key(c.req);
  r.gate_event = query_integer(c.req, "event_id", 1, INT64_MAX);
  std::optional<std::string> type = query_text(c.req, "type", 32);
  r.gate = query_text(c.req, "gate", 256);
  r.device_id = query_text(c.req, "device_id", 256);
  r.note = query_text(c.req, "note", 2048);
  {
    const auto body = decode_optional<ScanBody>(c.req);
    if (body.type) type = body.type;
    if (body.gate) r.gate = body.gate;
    if (body.device_id) r.device_id = body.device_id;
    if (body.note) r.note = body.note;
    if (body.event_id) {
      if (*body.event_id < 1)
        throw Error(ErrorCode::validation, "Some fields are invalid", {{"event_id", "must be a positive integer"}});
      r.gate_event = body.event_id;
    }
  }
  if (type) {
    const auto parsed = gate_scan::parse_scan_type(*type);
    if (!parsed)
      throw Error(ErrorCode::validation, "Bad scan type",
                  {{"type", "must be entry, exit, attendance, entry_check or sale_confirmation"}});
    r.type = *parsed;
  }
  return r;
}

std::string refusal_message(ErrorCode code, const TicketView& t) {
  switch (code) {
    case ErrorCode::already_used:
      return "Already used: checked in at " + format_iso8601(t.ticket.used_at.value_or(0));
    case ErrorCode::already_inside:
      return "Already inside: entered" + (t.ticket.inside_gate ? " at gate " + *t.ticket.inside_gate : std::string()) +
             " and not seen leaving";
    case ErrorCode::not_inside: return "Not inside: this ticket has no entry to leave from";
    case ErrorCode::wrong_event: return "This ticket is for " + t.event_name + ", not for this gate's event";
    case ErrorCode::not_sold: return "This ticket has not been sold: do not admit";
    default: return "This ticket is " + std::string(to_string(t.ticket.status)) + " and cannot be used";
  }
}

boost::json::object refusal_body(ErrorCode code, const TicketView& t, TicketAudience audience) {
  auto body = error_object(to_string(code), refusal_message(code, t));
  body["ticket"] = ticket_json(t, audience);
  return body;
}

}  // namespace

void add_checkin_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/verify-ticket/{code}", .roles = {Role::scanner, Role::admin},
         .fiber_on_postgres = true, .raw_params = {"code"}, .devices = true,
         .summary = "Who holds this ticket (QR payload or serial)? ?event_id= refuses other events' tickets "
                    "(required for a scanner's serial lookups); 409 not_sold, refunded, void or superseded. "
                    "A refusal (already_used and already_inside included) is recorded as a scan of `type` "
                    "with `gate` and `device_id`; repeats within 60 s are not",
         .query = {query("event_id", schema::id(), "The gate's event"),
                   query("type", schemas::scan_type(), "The gate's mode, recorded on a refusal's scan row (default entry_check)"),
                   query("gate", schema::text().max(256), "Where the look-up happened (a device's own gate wins)"),
                   query("device_id", schema::text().max(256), "The scanning device (a device's own id wins)")},
         .replies = {ok(schemas::verified_ticket(), "The holder; `admissible` says whether an entry scan would admit"),
                     {409, refusal_or_error(schemas::verify_refusal()), "application/json",
                      "This ticket can never be admitted (`error.code`: not_sold, refunded, void_ticket, superseded, wrong_event)"}},
         .handler = [](RouteContext& c) {
           const auto gate = query_integer(c.req, "event_id", 1, INT64_MAX);
           app::VerifyAt at;
           at.gate = query_text(c.req, "gate", 256);
           at.device_id = query_text(c.req, "device_id", 256);
           if (const auto type = query_text(c.req, "type", 32)) {
             const auto parsed = gate_scan::parse_scan_type(*type);
             if (!parsed)
               throw Error(ErrorCode::validation, "Bad scan type",
                           {{"type", "must be entry, exit, attendance, entry_check or sale_confirmation"}});
             at.type = *parsed;
           }
           const auto audience = audience_of(c.caller().role);
           const auto v = app::verify_ticket(c.app, c.caller(), checked_code(c), gate, at);
           // Already used / already inside: shown (200) with why an entry would be refused; a ticket
           // that can never be admitted (not sold, refunded, void) is a 409.
           const bool shown = !v.refusal || *v.refusal == ErrorCode::already_used || *v.refusal == ErrorCode::already_inside;
           if (!shown) {
             auto body = refusal_body(*v.refusal, v.ticket, audience);
             body["used_at"] = time_or_null(v.ticket.ticket.used_at);
             body["replayed"] = false;
             return json_response(409, std::move(body));
           }
           auto body = ticket_json(v.ticket, audience);
           body["admissible"] = !v.refusal;
           body["refusal"] = v.refusal ? boost::json::value(to_string(*v.refusal)) : boost::json::value(nullptr);
           body["reentry_allowed"] = v.ticket.event_reentry;
           return json_response(200, std::move(body));
         }});
  r.add({.method = "POST", .pattern = "/api/mark-used/{code}", .roles = {Role::scanner, Role::admin}, .writes = true, .commit_fiber = true,
         .fiber_on_postgres = true,
         .raw_params = {"code"}, .devices = true,
         .summary = "A gate scan: type=entry (default; admit once, or again after an exit with re-entry), exit, "
                    "attendance, entry_check, sale_confirmation; event_id = the gate's event; gate, device_id, note; "
                    "as query parameters or a JSON body. 409 with the refusal's code; Idempotency-Key makes retries safe",
         .query = scan_query(),
         .headers = {{"Idempotency-Key", schema::text().max(128), "Makes a retry safe: the same key answers the first result"}},
         .body = optional_json_body<ScanBody>(),
         .replies = {ok(schemas::scan_outcome(), "Admitted (entry), or the scan recorded"),
                     {409, refusal_or_error(schemas::scan_refusal()), "application/json",
                      "Refused: `error.code` is already_used, already_inside, not_inside, wrong_event, not_sold, "
                      "refunded, void_ticket or superseded"}},
         .handler = [](RouteContext& c) {
           const auto request = read_scan_request(c);
           const auto audience = audience_of(c.caller().role);
           const auto result = app::scan_ticket(c.app, c.caller(), request);
           if (result.refusal == ErrorCode::superseded)
             throw Error(ErrorCode::superseded, "This code was replaced when the ticket was transferred: do not admit");
           if (result.refusal == ErrorCode::unknown_serial)
             throw Error(ErrorCode::unknown_serial, "No such serial: check the number",
                         {{"code", "names no ticket (typed serials are read without spaces, case or padding)"}});
           if (result.refusal == ErrorCode::invalid_ticket || !result.ticket)
             throw Error(ErrorCode::invalid_ticket, "Invalid ticket: unknown or forged code");
           const auto& t = *result.ticket;
           boost::json::object body;
           if (!result.refusal) {
             body = ticket_json(t, audience);
             if (request.type == gate_scan::ScanType::entry) body["status"] = "checked_in";
           } else {
             body = refusal_body(*result.refusal, t, audience);
             body["used_at"] = time_or_null(t.ticket.used_at);
           }
           body["result"] = result.result;
           body["type"] = gate_scan::to_string(request.type);
           body["reentry"] = result.reentry;
           body["inside"] = t.ticket.inside;
           body["replayed"] = result.replayed;
           body["scan"] = result.scan ? boost::json::value(to_json(*result.scan)) : boost::json::value(nullptr);
           return json_response(result.refusal ? 409 : 200, std::move(body));
         }});
}

}  // namespace gatepass::http
