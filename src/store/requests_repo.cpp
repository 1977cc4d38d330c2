#include "store/requests_repo.hpp"

#include <algorithm>

#include "domain/money.hpp"
#include "store/sql_lists.hpp"

namespace gatepass::store {

namespace {
Value status_text(RequestStatus s) { return std::string(to_string(s)); }
}  // namespace

namespace refunds {

namespace {
// Cents returned or approved for the same ticket by the other refunds (amounts are canonical
// decimal text with two places, so this is exact).
constexpr const char* kReturnedByOthersCents =
    "(SELECT COALESCE(SUM(CAST(ROUND(CAST(COALESCE(o.refunded_amount, o.amount, '0') AS REAL) * 100) AS BIGINT)), 0) "
    "FROM refunds o WHERE o.ticket_id = f.ticket_id AND o.id <> f.id AND o.status IN ('approved','completed'))";

const std::string kSelect =
    "SELECT f.id, f.ticket_id, t.serial, f.event_id, e.name, f.sale_id, f.status, f.reason, f.amount, f.requested_by, "
    "ru.username, f.requested_at, du.username, f.decided_at, f.notes, f.completed_at, f.refunded_amount, "
    "t.price, s.buyer_name, s.buyer_email, t.purchaser_name, t.purchaser_email, " +
    std::string(kReturnedByOthersCents) + ", e.currency" +
    " FROM refunds f JOIN tickets t ON t.id = f.ticket_id JOIN events e ON e.id = f.event_id "
    "JOIN users ru ON ru.id = f.requested_by LEFT JOIN users du ON du.id = f.decided_by "
    "LEFT JOIN sales s ON s.id = f.sale_id ";

Refund from_row(const Row& r) {
  Refund f;
  f.id = r.integer(0);
  f.ticket_id = r.integer(1);
  f.serial = r.text(2);
  f.event_id = r.integer(3);
  f.event_name = r.text(4);
  f.sale_id = r.opt_integer(5);
  f.status = parse_request_status(r.text(6)).value_or(RequestStatus::pending);
  f.reason = r.text(7);
  f.amount = r.opt_text(8);
  f.requested_by = r.integer(9);
  f.requested_by_name = r.text(10);
  f.requested_at = r.integer(11);
  f.decided_by_name = r.opt_text(12);
  f.decided_at = r.opt_integer(13);
  f.notes = r.opt_text(14);
  f.completed_at = r.opt_integer(15);
  f.refunded_amount = r.opt_text(16);
  f.price_paid = r.opt_text(17);
  f.buyer_name = r.opt_text(18);
  f.buyer_email = r.opt_text(19);
  f.purchaser_name = r.opt_text(20);
  f.purchaser_email = r.opt_text(21);
  const auto paid = money::parse_cents(f.price_paid.value_or("0.00")).value_or(0);
  f.refundable = money::format_cents(std::max<std::int64_t>(0, paid - r.integer(22)));
  f.currency = r.text(23);
  return f;
}
}  // namespace

Id insert(Connection& c, const Refund& f) {
  return c
      .query("INSERT INTO refunds (ticket_id, event_id, sale_id, status, reason, amount, requested_by, requested_at) "
             "VALUES (?, ?, ?, 'pending', ?, ?, ?, ?) RETURNING id",
             {f.ticket_id, f.event_id, opt(f.sale_id), f.reason, opt(f.amount), f.requested_by, f.requested_at})
      .rows.at(0)
      .integer(0);
}

std::optional<Refund> find(Connection& c, Id id) {
  auto r = c.query(kSelect + "WHERE f.id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::vector<Refund> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (f.status) {
    where += " AND f.status = ?";
    params.push_back(status_text(*f.status));
  }
  if (f.requested_by) {
    where += " AND f.requested_by = ?";
    params.emplace_back(*f.requested_by);
  }
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<Refund> out;
  for (auto& row : c.exec(kSelect + where + " ORDER BY f.id DESC LIMIT ? OFFSET ?", params).rows)
    out.push_back(from_row(row));
  return out;
}

std::int64_t decide(Connection& c, Id id, RequestStatus from, RequestStatus to, std::optional<Id> by,
                    const std::optional<std::string>& notes, Millis now) {
  return c
      .query("UPDATE refunds SET status = ?, decided_by = ?, decided_at = ?, notes = COALESCE(?, notes) "
             "WHERE id = ? AND status = ?",
             {status_text(to), opt(by), now, opt(notes), id, status_text(from)})
      .affected;
}

std::int64_t returned_cents(Connection& c, Id ticket_id) {
  std::int64_t cents = 0;
  for (auto& row : c.query("SELECT COALESCE(refunded_amount, amount) FROM refunds WHERE ticket_id = ? AND "
                           "status IN ('approved','completed')",
                           {ticket_id}).rows)
    cents += money::parse_cents(row.opt_text(0).value_or("0.00")).value_or(0);
  return cents;
}

bool pending_for(Connection& c, Id ticket_id) {
  return !c.query("SELECT 1 FROM refunds WHERE ticket_id = ? AND status = 'pending'", {ticket_id}).rows.empty();
}

std::int64_t complete(Connection& c, Id id, const std::string& amount, const std::optional<std::string>& notes,
                      Millis now) {
  return c
      .query("UPDATE refunds SET status = 'completed', completed_at = ?, refunded_amount = ?, notes = COALESCE(?, notes) "
             "WHERE id = ? AND status = 'approved'",
             {now, amount, opt(notes), id})
      .affected;
}

}  // namespace refunds

namespace transfers {

namespace {
const std::string kSelect =
    "SELECT x.id, x.ticket_id, t.serial, x.event_id, e.name, x.from_user_id, fu.username, x.to_user_id, tu.username, "
    "x.to_email, x.status, x.notes, x.created_at, x.decided_at "
    "FROM transfers x JOIN tickets t ON t.id = x.ticket_id JOIN events e ON e.id = x.event_id "
    "JOIN users fu ON fu.id = x.from_user_id LEFT JOIN users tu ON tu.id = x.to_user_id ";

Transfer from_row(const Row& r) {
  Transfer x;
  x.id = r.integer(0);
  x.ticket_id = r.integer(1);
  x.serial = r.text(2);
  x.event_id = r.integer(3);
  x.event_name = r.text(4);
  x.from_user_id = r.integer(5);
  x.from_username = r.text(6);
  x.to_user_id = r.opt_integer(7);
  x.to_username = r.opt_text(8);
  x.to_email = r.opt_text(9);
  x.status = parse_request_status(r.text(10)).value_or(RequestStatus::pending);
  x.notes = r.opt_text(11);
  x.created_at = r.integer(12);
  x.decided_at = r.opt_integer(13);
  return x;
}
}  // namespace

Id insert(Connection& c, const Transfer& x) {
  return c
      .query("INSERT INTO transfers (ticket_id, event_id, from_user_id, to_user_id, to_email, status, notes, created_at) "
             "VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id",
             {x.ticket_id, x.event_id, x.from_user_id, opt(x.to_user_id), opt(x.to_email), opt(x.notes), x.created_at})
      .rows.at(0)
      .integer(0);
}

std::optional<Transfer> find(Connection& c, Id id) {
  auto r = c.query(kSelect + "WHERE x.id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::vector<Transfer> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  if (f.status) {
    where += " AND x.status = ?";
    params.push_back(status_text(*f.status));
  }
  if (f.involving_user) {
    where += " AND (x.from_user_id = ? OR x.to_user_id = ? OR (x.to_user_id IS NULL AND x.to_email = ?))";
    params.emplace_back(*f.involving_user);
    params.emplace_back(*f.involving_user);
    params.emplace_back(f.to_email.value_or(""));
  }
  if (f.to_user) {
    // Sent to the account, or to its email before (or without) naming the account.
    where += " AND (x.to_user_id = ? OR (x.to_user_id IS NULL AND x.to_email = ?))";
    params.emplace_back(*f.to_user);
    params.emplace_back(f.to_email.value_or(""));
  }
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<Transfer> out;
  for (auto& row : c.exec(kSelect + where + " ORDER BY x.id DESC LIMIT ? OFFSET ?", params).rows)
    out.push_back(from_row(row));
  return out;
}

std::int64_t count_offers_since(Connection& c, std::optional<Id> ticket_id, std::optional<Id> from_user, Millis since) {
  if (ticket_id)
    return c.query("SELECT COUNT(*) FROM transfers WHERE ticket_id = ? AND created_at > ?", {*ticket_id, since})
        .rows.at(0).integer(0);
  return c.query("SELECT COUNT(*) FROM transfers WHERE from_user_id = ? AND created_at > ?", {from_user.value_or(0), since})
      .rows.at(0).integer(0);
}

bool pending_for(Connection& c, Id ticket_id) {
  return !c.query("SELECT 1 FROM transfers WHERE ticket_id = ? AND status = 'pending'", {ticket_id}).rows.empty();
}

std::int64_t decide(Connection& c, Id id, RequestStatus to, std::optional<Id> recipient, Millis now,
                    std::optional<std::int64_t> old_code_id, std::optional<std::int64_t> new_code_id) {
  return c
      .query("UPDATE transfers SET status = ?, decided_at = ?, to_user_id = COALESCE(?, to_user_id), "
             "old_code_id = ?, new_code_id = ? WHERE id = ? AND status = 'pending'",
             {status_text(to), now, opt(recipient), opt(old_code_id), opt(new_code_id), id})
      .affected;
}

}  // namespace transfers

}  // namespace gatepass::store

namespace gatepass::store::requests {

std::vector<Pending> pending_for_tickets(Connection& c, const std::vector<Id>& ticket_ids) {
  std::vector<Pending> out;
  if (ticket_ids.empty()) return out;
  std::vector<Value> params;
  const auto refunds_in = placeholders_for(ticket_ids, params);
  const auto transfers_in = placeholders_for(ticket_ids, params);
  const auto rows =
      c.exec("SELECT f.ticket_id, f.id, 'refund', f.requested_by, CAST(NULL AS TEXT), CAST(NULL AS TEXT), f.requested_at "
             "FROM refunds f WHERE f.status = 'pending' AND f.ticket_id IN (" + refunds_in + ") "
             "UNION ALL "
             "SELECT x.ticket_id, x.id, 'transfer', x.from_user_id, tu.username, x.to_email, x.created_at "
             "FROM transfers x LEFT JOIN users tu ON tu.id = x.to_user_id "
             "WHERE x.status = 'pending' AND x.ticket_id IN (" + transfers_in + ")",
             params).rows;
  for (const auto& r : rows)
    out.push_back({r.integer(0), r.integer(1), r.text(2), r.integer(3), r.opt_text(4), r.opt_text(5), r.integer(6)});
  return out;
}

}  // namespace gatepass::store::requests
