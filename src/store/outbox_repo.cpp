#include "store/outbox_repo.hpp"

#include <stdexcept>

namespace gatepass::store::outbox {

namespace {
const std::string kSelect =
    "SELECT id, kind, to_email, to_name, event_id, ticket_id, vars, status, attempts, next_attempt_at, last_error, "
    "created_at, sent_at, (SELECT t.serial FROM tickets t WHERE t.id = outbox.ticket_id) FROM outbox ";

Message from_row(const Row& r) {
  Message m;
  m.id = r.integer(0);
  m.kind = r.text(1);
  m.to_email = r.text(2);
  m.to_name = r.opt_text(3);
  m.event_id = r.opt_integer(4);
  m.ticket_id = r.opt_integer(5);
  m.vars_json = r.text(6);
  m.status = parse_status(r.text(7)).value_or(Status::failed);
  m.attempts = r.integer(8);
  m.next_attempt_at = r.integer(9);
  m.last_error = r.opt_text(10);
  m.created_at = r.integer(11);
  m.sent_at = r.opt_integer(12);
  m.ticket_serial = r.opt_text(13);
  return m;
}
}  // namespace

std::string_view to_string(Status s) {
  switch (s) {
    case Status::queued: return "queued";
    case Status::sending: return "sending";
    case Status::sent: return "sent";
    case Status::failed: return "failed";
  }
  return "queued";
}

std::optional<Status> parse_status(std::string_view s) {
  for (auto v : {Status::queued, Status::sending, Status::sent, Status::failed})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

void insert(Connection& c, const Message& m) {
  c.defer("INSERT INTO outbox (kind, to_email, to_name, event_id, ticket_id, vars, status, next_attempt_at, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
          {m.kind, m.to_email, opt(m.to_name), opt(m.event_id), opt(m.ticket_id), m.vars_json, m.created_at,
           m.created_at});
}

std::int64_t count_to_since(Connection& c, const std::string& kind, const std::string& email, Millis since) {
  // The kind is written into the statement: each counted kind has a partial index of its own
  // (WHERE kind = '...'; migration sqlite/027, postgres/026), which a bound parameter would not use.
  static const std::string transfer_offered =
      "SELECT COUNT(*) FROM outbox WHERE kind = 'transfer_offered' AND lower(to_email) = lower(?) AND created_at > ?";
  static const std::string account_exists =
      "SELECT COUNT(*) FROM outbox WHERE kind = 'account_exists' AND lower(to_email) = lower(?) AND created_at > ?";
  const std::string* sql = kind == "transfer_offered" ? &transfer_offered
                           : kind == "account_exists" ? &account_exists
                                                      : nullptr;
  if (!sql) throw std::invalid_argument("outbox: mails of kind " + kind + " are not counted per address");
  return c.query(*sql, {email, since}).rows.at(0).integer(0);
}

std::optional<Message> find(Connection& c, Id id) {
  auto r = c.query(kSelect + "WHERE id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::vector<Id> due(Connection& c, Millis now, std::int64_t limit) {
  std::vector<Id> out;
  for (auto& row : c.query("SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
                           "LIMIT ?",
                           {now, limit})
                       .rows)
    out.push_back(row.integer(0));
  return out;
}

std::int64_t start_attempt(Connection& c, Id id, Millis now) {
  return c
      .query("UPDATE outbox SET status = 'sending', attempts = attempts + 1, attempt_started_at = ? "
             "WHERE id = ? AND status = 'queued'",
             {now, id})
      .affected;
}

void mark_sent(Connection& c, Id id, Millis now) {
  c.query("UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status = 'sending'", {now, id});
}

void mark_retry(Connection& c, Id id, Millis next_attempt_at, const std::string& error) {
  c.query("UPDATE outbox SET status = 'queued', next_attempt_at = ?, last_error = ? WHERE id = ? AND status = 'sending'",
          {next_attempt_at, error, id});
}

void mark_failed(Connection& c, Id id, const std::string& error) {
  c.query("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'", {error, id});
}

std::int64_t requeue_stale(Connection& c, Millis before, Millis now) {
  return c
      .query("UPDATE outbox SET status = 'queued', next_attempt_at = ?, "
             "last_error = 'the sender stopped during an attempt: sent again (at most one duplicate)' "
             "WHERE status = 'sending' AND attempt_started_at < ?",
             {now, before})
      .affected;
}

std::int64_t retry_now(Connection& c, Id id, Millis now) {
  return c
      .query("UPDATE outbox SET status = 'queued', next_attempt_at = ? WHERE id = ? AND status IN ('queued','failed')",
             {now, id})
      .affected;
}

Page<Message> list(Connection& c, std::optional<Status> status, std::int64_t limit, std::int64_t offset) {
  Page<Message> out;
  const auto rows = status ? c.query(kSelect + "WHERE status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                                     {std::string(to_string(*status)), limit, offset})
                           : c.query(kSelect + "ORDER BY id DESC LIMIT ? OFFSET ?", {limit, offset});
  for (const auto& row : rows.rows) out.items.push_back(from_row(row));
  out.total = status ? c.query("SELECT COUNT(*) FROM outbox WHERE status = ?", {std::string(to_string(*status))}).rows.at(0).integer(0)
                     : c.query("SELECT COUNT(*) FROM outbox", {}).rows.at(0).integer(0);
  return out;
}

Counts counts(Connection& c) {
  Counts out;
  for (const auto& row : c.query("SELECT status, COUNT(*) FROM outbox GROUP BY status", {}).rows) {
    const auto n = row.integer(1);
    switch (parse_status(row.text(0)).value_or(Status::failed)) {
      case Status::queued: out.queued = n; break;
      case Status::sending: out.sending = n; break;
      case Status::sent: out.sent = n; break;
      case Status::failed: out.failed += n; break;
    }
  }
  return out;
}

std::optional<Millis> oldest_queued_at(Connection& c) {
  auto r = c.query("SELECT MIN(created_at) FROM outbox WHERE status IN ('queued','sending')", {});
  return r.rows.at(0).opt_integer(0);
}

std::int64_t delete_sent_before(Connection& c, Millis before) {
  return c.query("DELETE FROM outbox WHERE status = 'sent' AND sent_at < ?", {before}).affected;
}

}  // namespace gatepass::store::outbox

namespace gatepass::store::ticket_links {

void insert(Connection& c, const std::string& token_hash, Id ticket_id, std::int64_t code_id, Millis now) {
  c.defer("INSERT INTO ticket_links (token_hash, ticket_id, code_id, created_at) VALUES (?, ?, ?, ?)",
          {token_hash, ticket_id, code_id, now});
}

std::optional<Link> find(Connection& c, const std::string& token_hash) {
  auto r = c.query("SELECT ticket_id, code_id, revoked_at FROM ticket_links WHERE token_hash = ?", {token_hash});
  if (r.rows.empty()) return std::nullopt;
  return Link{r.rows[0].integer(0), r.rows[0].integer(1), !r.rows[0].is_null(2)};
}

std::int64_t revoke_all(Connection& c, Id ticket_id, Millis now) {
  return c.query("UPDATE ticket_links SET revoked_at = ? WHERE ticket_id = ? AND revoked_at IS NULL", {now, ticket_id})
      .affected;
}

std::int64_t count_since(Connection& c, Id ticket_id, Millis since) {
  return c.query("SELECT COUNT(*) FROM ticket_links WHERE ticket_id = ? AND created_at > ?", {ticket_id, since})
      .rows.at(0)
      .integer(0);
}

}  // namespace gatepass::store::ticket_links
