#pragma once
// The mail outbox and holders' ticket links. A message's life: queued -> sending (attempt
// recorded and committed before the SMTP conversation) -> sent, or back to queued with a later
// next_attempt_at, or failed after the last attempt. Every step is a conditional write.
#include <optional>
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::outbox {

enum class Status { queued, sending, sent, failed };
std::string_view to_string(Status s);
std::optional<Status> parse_status(std::string_view s);

struct Message {
  Id id = 0;
  std::string kind;
  std::string to_email;
  std::optional<std::string> to_name;
  std::optional<Id> event_id;
  std::optional<Id> ticket_id;
  std::string vars_json = "{}";
  Status status = Status::queued;
  std::int64_t attempts = 0;
  Millis next_attempt_at = 0;
  std::optional<std::string> last_error;
  Millis created_at = 0;
  std::optional<Millis> sent_at;
  std::optional<std::string> ticket_serial;  // read only: the serial of ticket_id, if any
};

// Queued with the transaction's next statement or its commit (Connection::defer).
void insert(Connection& c, const Message& m);
// Messages of `kind` queued for this address (case-insensitive) since `since`: per-recipient limits.
// Only transfer_offered and account_exists are counted (each has its index); others throw.
std::int64_t count_to_since(Connection& c, const std::string& kind, const std::string& email, Millis since);
std::optional<Message> find(Connection& c, Id id);
std::vector<Id> due(Connection& c, Millis now, std::int64_t limit);
// queued -> sending, attempts + 1: 1 = this sender owns the attempt now.
std::int64_t start_attempt(Connection& c, Id id, Millis now);
void mark_sent(Connection& c, Id id, Millis now);
void mark_retry(Connection& c, Id id, Millis next_attempt_at, const std::string& error);
void mark_failed(Connection& c, Id id, const std::string& error);
// `sending` rows whose attempt began before `before` (their sender died): queued again.
std::int64_t requeue_stale(Connection& c, Millis before, Millis now);
// failed or queued -> queued, due now (an admin's "retry now").
std::int64_t retry_now(Connection& c, Id id, Millis now);
Page<Message> list(Connection& c, std::optional<Status> status, std::int64_t limit, std::int64_t offset);
struct Counts {
  std::int64_t queued = 0, sending = 0, sent = 0, failed = 0;
};
Counts counts(Connection& c);
// When the oldest message still waiting to go out was queued (readiness), if any waits.
std::optional<Millis> oldest_queued_at(Connection& c);
std::int64_t delete_sent_before(Connection& c, Millis before);

}  // namespace gatepass::store::outbox

namespace gatepass::store::ticket_links {

void insert(Connection& c, const std::string& token_hash, Id ticket_id, std::int64_t code_id, Millis now);
struct Link {
  Id ticket_id = 0;
  std::int64_t code_id = 0;
  bool revoked = false;
};
std::optional<Link> find(Connection& c, const std::string& token_hash);
std::int64_t revoke_all(Connection& c, Id ticket_id, Millis now);
// Links made for the ticket since `since` (revoked or not): the on-demand link's hourly budget.
std::int64_t count_since(Connection& c, Id ticket_id, Millis since);

}  // namespace gatepass::store::ticket_links
