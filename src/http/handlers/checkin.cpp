#include "app/checkin.hpp"

#include "domain/error.hpp"
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
  if (key->empty() || key->size() > 128)
    throw Error(ErrorCode::validation, "Bad Idempotency-Key", {{"Idempotency-Key", "must be 1 to 128 characters"}});
  return key;
}
}  // namespace

void add_checkin_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/verify-ticket/{code}", .roles = {Role::scanner, Role::admin},
         .summary = "Who holds this ticket (QR payload or serial)? ?event_id= refuses other events' tickets", .handler = [](RouteContext& c) {
           const auto gate = query_integer(c.req, "event_id", 1, INT64_MAX);
           return json_response(200, ticket_json(app::verify_ticket(c.app, c.caller(), checked_code(c), gate)));
         }});
  r.add({.method = "POST", .pattern = "/api/mark-used/{code}", .roles = {Role::scanner, Role::admin}, .writes = true,
         .summary = "Admit once. 409 already_used with the first time; ?event_id= = the gate's event; Idempotency-Key makes retries safe",
         .handler = [](RouteContext& c) {
           const auto gate = query_integer(c.req, "event_id", 1, INT64_MAX);
           const auto result = app::check_in_ticket(c.app, c.caller(), checked_code(c), idempotency_key(c.req), gate);
           using O = app::CheckInOutcome;
           if (result.outcome == O::invalid || !result.ticket)
             throw Error(ErrorCode::invalid_ticket, "Invalid ticket: unknown or forged code");
           const auto& t = *result.ticket;
           if (result.outcome == O::admitted) {
             auto body = ticket_json(t);
             body["status"] = "checked_in";
             body["replayed"] = result.replayed;
             return json_response(200, body);
           }
           // A refusal still shows whose ticket it is and when it was first used, for the steward.
           auto body = result.outcome == O::already_used
                           ? error_object(to_string(ErrorCode::already_used), "Already used: checked in at " +
                                                              format_iso8601(t.ticket.used_at.value_or(0)))
                       : result.outcome == O::wrong_event
                           ? error_object(to_string(ErrorCode::wrong_event), "This ticket is for " + t.event_name + ", not for this gate's event")
                           : error_object(to_string(ErrorCode::ticket_not_valid), "This ticket is " +
                                                                  std::string(to_string(t.ticket.status)) +
                                                                  " and cannot be used");
           body["ticket"] = ticket_json(t);
           body["used_at"] = time_or_null(t.ticket.used_at);
           body["replayed"] = result.replayed;
           return json_response(409, body);
         }});
}

}  // namespace gatepass::http
