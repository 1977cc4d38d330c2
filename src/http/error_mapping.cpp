#include "http/error_mapping.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "domain/error.hpp"
#include "store/db.hpp"
#include "store/request_scope.hpp"

namespace gatepass::http {

namespace {
int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation: return 400;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::invalid_ticket: return 404;
    case ErrorCode::unknown_serial: return 404;
    case ErrorCode::already_used: return 409;
    case ErrorCode::wrong_event: return 409;
    case ErrorCode::conflict: return 409;
    case ErrorCode::duplicate_email: return 409;
    case ErrorCode::already_registered: return 409;
    case ErrorCode::wrong_sales_channel: return 409;
    case ErrorCode::invalid_translation: return 422;
    case ErrorCode::invalid_time_zone: return 422;
    case ErrorCode::idempotency_key_reused: return 422;
    case ErrorCode::not_sold:
    case ErrorCode::refunded:
    case ErrorCode::void_ticket:
    case ErrorCode::superseded:
    case ErrorCode::already_inside:
    case ErrorCode::not_inside:
    case ErrorCode::already_sold:
    case ErrorCode::sold_out:
    case ErrorCode::quota_exceeded:
    case ErrorCode::already_claimed:
    case ErrorCode::refund_open:
    case ErrorCode::transfer_open:
    case ErrorCode::email_taken:
    case ErrorCode::cooling_off:
    case ErrorCode::refund_closed: return 409;
    case ErrorCode::email_unverified: return 403;
    case ErrorCode::amount_too_large: return 422;
    case ErrorCode::second_factor_required:
    case ErrorCode::invalid_second_factor: return 401;
    case ErrorCode::second_factor_enrolment_required: return 403;
    case ErrorCode::not_assigned:
    case ErrorCode::undo_window_passed:
    case ErrorCode::gate_lookup_disabled: return 403;
    case ErrorCode::not_admitted: return 409;
    case ErrorCode::payload_too_large: return 413;
    case ErrorCode::too_many_requests: return 429;
    case ErrorCode::unsupported_media_type: return 415;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

Response make(int status, std::string_view code, std::string_view message, const std::map<std::string, std::string>& fields,
              std::optional<long long> retry_after_ms = std::nullopt,
              const std::map<std::string, Error::Detail>& details = {}) {
  boost::json::object f;
  for (const auto& [k, v] : fields) f[k] = v;
  boost::json::object err{{"code", code}, {"message", message}, {"fields", std::move(f)}};
  for (const auto& [k, v] : details) std::visit([&err, &k](const auto& x) { err[k] = x; }, v);
  Response r;
  r.status = status;
  r.body = boost::json::serialize(boost::json::object{{"error", std::move(err)}});
  if (status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (retry_after_ms) r.headers.emplace_back("Retry-After", std::to_string(std::max(1LL, (*retry_after_ms + 999) / 1000)));
  else if (status == 503) r.headers.emplace_back("Retry-After", "1");
  else if (status == 429) r.headers.emplace_back("Retry-After", "60");
  return r;
}
}  // namespace

boost::json::object error_object(std::string_view code, std::string_view message) {
  return {{"error", {{"code", code}, {"message", message}, {"fields", boost::json::object{}}}}};
}

Response error_response(int status, std::string_view code, std::string_view message) {
  return make(status, code, message, {});
}

Response error_response(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    if (err.code() == ErrorCode::internal) spdlog::error("[{}] internal error: {}", store::current_request_id(), err.what());
    return make(status_of(err.code()), to_string(err.code()), err.what(), err.fields(), err.retry_after_ms(), err.details());
  } catch (const store::UniqueViolation& err) {
    spdlog::warn("[{}] unique violation reached the HTTP layer: {}", store::current_request_id(), err.what());
    return make(409, "conflict", "This conflicts with existing data; reload and try again", {});
  } catch (const store::Unavailable& err) {
    spdlog::warn("[{}] database unavailable: {}", store::current_request_id(), err.what());
    return make(503, "unavailable", "The database is busy or unavailable; retry shortly", {});
  } catch (const std::exception& err) {
    spdlog::error("[{}] unhandled exception: {}", store::current_request_id(), err.what());
  } catch (...) {
    spdlog::error("[{}] unhandled non-standard exception", store::current_request_id());
  }
  return make(500, "internal_error", "Something went wrong on our side; it has been logged", {});
}

}  // namespace gatepass::http
