#include "app/checkin.hpp"

#include "domain/error.hpp"
#include "domain/ticket_state.hpp"
#include "domain/time.hpp"
#include "domain/gate_scan.hpp"
#include "http/gate_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/error_mapping.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

namespace {
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
  if (!c.req.body.empty()) {
    const auto body = parse_json_object(c.req);
    FieldReader f(body);
    if (auto v = f.string("type")) type = v;
    if (auto v = f.string("gate")) r.gate = v;
    if (auto v = f.string("device_id")) r.device_id = v;
    if (auto v = f.string("note")) r.note = v;
    if (auto v = f.integer("event_id")) {
      if (*v < 1) f.errors().add("event_id", "must be a positive integer");
      r.gate_event = v;
    }
    f.finish();
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
         .raw_params = {"code"},
         .summary = "Who holds this ticket (QR payload or serial)? ?event_id= refuses other events' tickets "
                    "(required for a scanner's serial lookups); 409 not_sold, refunded, void or superseded",
         .handler = [](RouteContext& c) {
           const auto gate = query_integer(c.req, "event_id", 1, INT64_MAX);
           const auto audience = audience_of(c.caller().role);
           const auto v = app::verify_ticket(c.app, c.caller(), checked_code(c), gate);
           // Already used / already inside: shown (200) with why an entry would be refused; a ticket
           // that can never be admitted (not sold, refunded, void) is a 409.
           const bool shown = !v.refusal || *v.refusal == ErrorCode::already_used || *v.refusal == ErrorCode::already_inside;
           if (!shown) {
             auto body = refusal_body(*v.refusal, v.ticket, audience);
             body["used_at"] = time_or_null(v.ticket.ticket.used_at);
             body["replayed"] = false;
             return json_response(409, body);
           }
           auto body = ticket_json(v.ticket, audience);
           body["admissible"] = !v.refusal;
           body["refusal"] = v.refusal ? boost::json::value(to_string(*v.refusal)) : boost::json::value(nullptr);
           body["reentry_allowed"] = v.ticket.event_reentry;
           return json_response(200, body);
         }});
  r.add({.method = "POST", .pattern = "/api/mark-used/{code}", .roles = {Role::scanner, Role::admin}, .writes = true,
         .raw_params = {"code"},
         .summary = "A gate scan: type=entry (default; admit once, or again after an exit with re-entry), exit, "
                    "attendance, entry_check, sale_confirmation; event_id = the gate's event; gate, device_id, note; "
                    "as query parameters or a JSON body. 409 with the refusal's code; Idempotency-Key makes retries safe",
         .handler = [](RouteContext& c) {
           const auto request = read_scan_request(c);
           const auto audience = audience_of(c.caller().role);
           const auto result = app::scan_ticket(c.app, c.caller(), request);
           if (result.refusal == ErrorCode::superseded)
             throw Error(ErrorCode::superseded, "This code was replaced when the ticket was transferred: do not admit");
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
           return json_response(result.refusal ? 409 : 200, body);
         }});
}

}  // namespace gatepass::http
