#include "domain/error.hpp"

namespace gatepass {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation: return "validation_error";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::not_assigned: return "not_assigned";
    case ErrorCode::not_admitted: return "not_admitted";
    case ErrorCode::undo_window_passed: return "undo_window_passed";
    case ErrorCode::gate_lookup_disabled: return "gate_lookup_disabled";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::invalid_ticket: return "invalid";
    case ErrorCode::unknown_serial: return "unknown_serial";
    case ErrorCode::already_used: return "already_used";
    case ErrorCode::wrong_event: return "wrong_event";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::duplicate_email: return "duplicate_email";
    case ErrorCode::already_registered: return "already_registered";
    case ErrorCode::wrong_sales_channel: return "wrong_sales_channel";
    case ErrorCode::invalid_translation: return "invalid_translation";
    case ErrorCode::invalid_time_zone: return "invalid_time_zone";
    case ErrorCode::idempotency_key_reused: return "idempotency_key_reused";
    case ErrorCode::not_sold: return "not_sold";
    case ErrorCode::refunded: return "refunded";
    case ErrorCode::void_ticket: return "void";
    case ErrorCode::superseded: return "superseded";
    case ErrorCode::already_inside: return "already_inside";
    case ErrorCode::not_inside: return "not_inside";
    case ErrorCode::already_sold: return "already_sold";
    case ErrorCode::sold_out: return "sold_out";
    case ErrorCode::quota_exceeded: return "quota_exceeded";
    case ErrorCode::already_claimed: return "already_claimed";
    case ErrorCode::email_unverified: return "email_unverified";
    case ErrorCode::email_taken: return "email_taken";
    case ErrorCode::cooling_off: return "cooling_off";
    case ErrorCode::amount_too_large: return "amount_too_large";
    case ErrorCode::refund_closed: return "refund_closed";
    case ErrorCode::refund_open: return "refund_open";
    case ErrorCode::transfer_open: return "transfer_open";
    case ErrorCode::second_factor_required: return "second_factor_required";
    case ErrorCode::invalid_second_factor: return "invalid_second_factor";
    case ErrorCode::second_factor_enrolment_required: return "second_factor_enrolment_required";
    case ErrorCode::payload_too_large: return "payload_too_large";
    case ErrorCode::too_many_requests: return "too_many_requests";
    case ErrorCode::unsupported_media_type: return "unsupported_media_type";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal_error";
  }
  return "internal_error";
}

}  // namespace gatepass
