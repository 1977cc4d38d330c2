#include "app/checkin.hpp"

#include "domain/error.hpp"
#include "domain/ticket_state.hpp"
#include "domain/time.hpp"
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

// A refusal still shows whose ticket it is and its state, for the steward.
Response refusal(std::string_view code, const std::string& message, const TicketView& t, TicketAudience audience,
                 bool replayed) {
  auto body = error_object(code, message);
  body["ticket"] = ticket_json(t, audience);
  body["used_at"] = time_or_null(t.ticket.used_at);
  body["replayed"] = replayed;
  return json_response(409, body);
}

std::string not_valid_message(const TicketView& t) {
  if (t.ticket.status == TicketStatus::created) return "This ticket has not been sold: do not admit";
  return "This ticket is " + std::string(to_string(t.ticket.status)) + " and cannot be used";
}

// The state table's code for a refused state: not_sold, refunded or void.
std::string_view refusal_code(const TicketView& t) {
  return to_string(ticket_state::gate_refusal(t.ticket.status).value_or(ErrorCode::conflict));
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
           if (v.refusal && *v.refusal != ErrorCode::already_used)
             return refusal(to_string(*v.refusal), not_valid_message(v.ticket), v.ticket, audience, false);
           return json_response(200, ticket_json(v.ticket, audience));
         }});
  r.add({.method = "POST", .pattern = "/api/mark-used/{code}", .roles = {Role::scanner, Role::admin}, .writes = true,
         .raw_params = {"code"},
         .summary = "Admit once. 409 already_used with the first time; ?event_id= = the gate's event; Idempotency-Key makes retries safe",
         .handler = [](RouteContext& c) {
           const auto gate = query_integer(c.req, "event_id", 1, INT64_MAX);
           const auto audience = audience_of(c.caller().role);
           const auto result = app::check_in_ticket(c.app, c.caller(), checked_code(c), idempotency_key(c.req), gate);
           using O = app::CheckInOutcome;
           if (result.outcome == O::superseded)
             throw Error(ErrorCode::superseded, "This code was replaced when the ticket was transferred: do not admit");
           if (result.outcome == O::invalid || !result.ticket)
             throw Error(ErrorCode::invalid_ticket, "Invalid ticket: unknown or forged code");
           const auto& t = *result.ticket;
           switch (result.outcome) {
             case O::admitted: {
               auto body = ticket_json(t, audience);
               body["status"] = "checked_in";
               body["replayed"] = result.replayed;
               return json_response(200, body);
             }
             case O::already_used:
               return refusal(to_string(ErrorCode::already_used),
                              "Already used: checked in at " + format_iso8601(t.ticket.used_at.value_or(0)), t, audience,
                              result.replayed);
             case O::wrong_event:
               return refusal(to_string(ErrorCode::wrong_event),
                              "This ticket is for " + t.event_name + ", not for this gate's event", t, audience,
                              result.replayed);
             default:
               return refusal(refusal_code(t), not_valid_message(t), t, audience, result.replayed);
           }
         }});
}

}  // namespace gatepass::http
