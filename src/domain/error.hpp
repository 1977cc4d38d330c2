#pragma once
// Domain errors carry a stable machine code and a human message; the HTTP layer maps the
// code to a status in one table (http/error_mapping.cpp). Nothing here knows about HTTP.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>

namespace gatepass {

enum class ErrorCode {
  validation,      // input is malformed; `fields` names what and why
  unauthenticated, // no or bad credentials / token
  forbidden,       // authenticated but the role does not allow it
  not_found,
  invalid_ticket,  // unknown or forged ticket code (deliberately indistinguishable)
  unknown_serial,  // a serial typed by hand that names no ticket: a typing mistake, not a forgery
  already_used,    // ticket was checked in before
  wrong_event,     // a genuine ticket, but for another event than the gate's
  conflict,        // state does not allow the action (declined registration, duplicate name...)
  duplicate_email, // an event without approval already gave this email its tickets
  already_registered,   // the email registered for the event before (details: registered_at, reference)
  wrong_sales_channel,  // the event is not offered this way (box office only, or registration only)
  invalid_translation,  // an organiser's per-language texts: unknown locale, default missing, too long
  invalid_time_zone,    // an event's time_zone the tz database does not know
  idempotency_key_reused,  // the key was first used for another request (other code or event)
  // The gate's refusals, one per ticket state (domain/ticket_state) and for a replaced code.
  not_sold,        // generated but not sold: never admitted
  refunded,
  void_ticket,     // "void"
  superseded,      // a genuine code replaced by a transfer
  already_inside,  // re-entry events: an entry scan of a holder who is inside
  not_inside,      // an exit (or attendance) scan of a holder who is not inside
  // Box office.
  already_sold,
  sold_out,        // fewer unsold tickets of the type than asked for
  quota_exceeded,  // generation beyond the type's quota or the event's capacity
  already_claimed, // the ticket is held by another account
  refund_open,     // a refund request for the ticket is already pending
  transfer_open,   // a transfer of the ticket is already pending
  // Accounts and ownership (docs/accounts.md).
  email_unverified,  // claim or accept before the holder's address is verified
  email_taken,       // another account verified the address first
  cooling_off,       // a claimed ticket may not be transferred on yet
  amount_too_large,  // a refund above what is refundable
  refund_closed,     // after refunds_until, or the ticket was admitted
  // Two-factor sign-in (docs/accounts.md).
  second_factor_required,            // right password, the account has two-factor on, no code sent
  invalid_second_factor,             // wrong or reused code (TOTP or recovery code) at login
  second_factor_enrolment_required,  // GATEPASS_REQUIRE_2FA role without two-factor, outside enrolment
  // Gate devices and stewards (docs/devices.md).
  not_assigned,          // a scanner or device asked for an event (or gate) it is not assigned to
  not_admitted,          // undo of an admission the ticket does not have
  undo_window_passed,    // a steward's undo too late, or of another device's admission
  gate_lookup_disabled,  // name search at the gate while the event's gate_lookup is none
  payload_too_large,
  too_many_requests,
  unsupported_media_type,
  unavailable,     // storage busy or down; the client may retry
  internal,
};

std::string_view to_string(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, std::map<std::string, std::string> fields = {})
      : std::runtime_error(message), code_(code), fields_(std::move(fields)) {}
  ErrorCode code() const { return code_; }
  const std::map<std::string, std::string>& fields() const { return fields_; }
  // For 429/503: when the client may try again (sent as Retry-After, in whole seconds).
  Error& retry_after_ms(long long ms) {
    retry_after_ms_ = ms;
    return *this;
  }
  std::optional<long long> retry_after_ms() const { return retry_after_ms_; }
  // Facts the client shows beside the message (already_registered: when, and which reference),
  // sent as members of the error object of their own.
  using Detail = std::variant<std::string, std::int64_t>;
  Error& detail(std::string key, Detail value) {
    details_.insert_or_assign(std::move(key), std::move(value));
    return *this;
  }
  const std::map<std::string, Detail>& details() const { return details_; }

 private:
  ErrorCode code_;
  std::map<std::string, std::string> fields_;
  std::optional<long long> retry_after_ms_;
  std::map<std::string, Detail> details_;
};

// Collects per-field problems so one response can name all of them at once.
class FieldErrors {
 public:
  void add(const std::string& field, std::string reason) { fields_.emplace(field, std::move(reason)); }
  bool empty() const { return fields_.empty(); }
  const std::map<std::string, std::string>& fields() const { return fields_; }
  void throw_if_any(const std::string& message = "Some fields are invalid") const {
    if (!fields_.empty()) throw Error(ErrorCode::validation, message, fields_);
  }

 private:
  std::map<std::string, std::string> fields_;
};

}  // namespace gatepass
