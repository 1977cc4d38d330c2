#pragma once
// Plain data of the box office: ticket types, sales, refunds, transfers, a ticket's history and
// background jobs. Money is decimal text (domain/money.hpp), never a double.
#include <optional>
#include <string>

#include "domain/model.hpp"

namespace gatepass {

struct TicketType {
  Id id = 0;
  Id event_id = 0;
  std::string name;
  std::string price;  // "25.00"
  std::optional<std::int64_t> quota;
  std::int64_t generated = 0;
  std::int64_t sold = 0;
  // Unsold tickets that can still be sold (status created): counted, because a voided unsold
  // ticket is neither sold nor available.
  std::int64_t available = 0;
  std::string currency = "EUR";
  Millis created_at = 0;
  LocaleTexts name_i18n;  // the name per language (issue 24); `name` is the event default locale's
};

struct Sale {
  Id id = 0;
  Id event_id = 0;
  std::optional<Id> ticket_type_id;
  std::string buyer_name;
  std::string buyer_email;
  std::int64_t quantity = 0;
  std::string unit_price;
  std::string total;
  std::string currency;
  std::optional<Id> holder_user_id;
  std::optional<Id> seller_id;
  std::string seller;
  Millis sold_at = 0;
  std::optional<std::string> locale;  // the buyer's language (their mails use it)
};

enum class RequestStatus { pending, approved, rejected, completed, cancelled, accepted };
std::string_view to_string(RequestStatus s);
std::optional<RequestStatus> parse_request_status(std::string_view s);

struct Refund {
  Id id = 0;
  Id ticket_id = 0;
  std::string serial;
  Id event_id = 0;
  std::string event_name;
  std::optional<Id> sale_id;
  RequestStatus status = RequestStatus::pending;
  std::string reason;
  std::optional<std::string> amount;
  Id requested_by = 0;
  std::string requested_by_name;
  Millis requested_at = 0;
  std::optional<std::string> decided_by_name;
  std::optional<Millis> decided_at;
  std::optional<std::string> notes;
  std::optional<Millis> completed_at;
  std::optional<std::string> refunded_amount;
  // What the decision needs (docs/accounts.md): the price paid and what is left to refund, the sale's
  // buyer and the purchaser. Staff only: buyer and purchaser are left empty in holders' views.
  std::optional<std::string> price_paid;
  std::string refundable = "0.00";
  std::string currency = "EUR";  // the event's: every amount above is in it
  std::optional<std::string> buyer_name;
  std::optional<std::string> buyer_email;
  std::optional<std::string> purchaser_name;
  std::optional<std::string> purchaser_email;
};

struct Transfer {
  Id id = 0;
  Id ticket_id = 0;
  std::string serial;
  Id event_id = 0;
  std::string event_name;
  Id from_user_id = 0;
  std::string from_username;
  std::optional<Id> to_user_id;
  std::optional<std::string> to_username;
  std::optional<std::string> to_email;
  RequestStatus status = RequestStatus::pending;
  std::optional<std::string> notes;
  Millis created_at = 0;
  std::optional<Millis> decided_at;
};

struct TicketEvent {
  Id id = 0;
  Id ticket_id = 0;
  Id event_id = 0;
  std::string action;  // sold, claimed, transferred, refund_requested, refunded, voided, admitted
  std::optional<Id> actor_id;
  std::string actor;
  Millis at = 0;
  std::optional<std::string> from_holder;
  std::optional<std::string> to_holder;
  std::optional<std::int64_t> old_code_id;
  std::optional<std::int64_t> new_code_id;
  std::string details_json = "{}";
};

enum class JobStatus { queued, running, done, failed };
std::string_view to_string(JobStatus s);
std::optional<JobStatus> parse_job_status(std::string_view s);

struct Job {
  Id id = 0;
  std::string kind;
  JobStatus status = JobStatus::queued;
  std::int64_t total = 0;
  std::int64_t done = 0;
  std::string params_json = "{}";
  std::string result_json = "{}";
  std::optional<std::string> error;
  std::optional<Id> event_id;
  std::optional<Id> created_by;
  Millis created_at = 0;
  std::optional<Millis> started_at;
  std::optional<Millis> finished_at;
};

}  // namespace gatepass
