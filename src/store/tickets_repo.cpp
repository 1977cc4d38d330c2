#include "store/tickets_repo.hpp"

#include <algorithm>
#include <cctype>

#include "domain/gate_scan.hpp"
#include "domain/ticket_state.hpp"
#include "store/text_search.hpp"

namespace gatepass::store::tickets {

namespace {
const std::string kSelect =
    "SELECT t.id, t.event_id, t.registration_id, t.number, t.serial, t.qr_payload, t.status, t.issued_at, "
    "t.used_at, t.used_by, t.holder_name, t.holder_email, r.team_name, e.name, t.voided_at, t.void_reason, "
    "t.ticket_type_id, t.code_id, t.holder_user_id, t.sale_id, t.price, u.username, tt.name, e.currency, t.inside, t.inside_gate, e.reentry, "
    "t.purchaser_name, t.purchaser_email, t.claimed_at "
    "FROM tickets t JOIN events e ON e.id = t.event_id LEFT JOIN registrations r ON r.id = t.registration_id "
    "LEFT JOIN users u ON u.id = t.holder_user_id LEFT JOIN ticket_types tt ON tt.id = t.ticket_type_id ";

TicketView from_row(const Row& row) {
  TicketView v;
  v.ticket.id = row.integer(0);
  v.ticket.event_id = row.integer(1);
  v.ticket.registration_id = row.opt_integer(2);
  v.ticket.number = row.integer(3);
  v.ticket.serial = row.text(4);
  v.ticket.qr_payload = row.text(5);
  v.ticket.status = parse_ticket_status(row.text(6)).value_or(TicketStatus::void_);
  v.ticket.issued_at = row.integer(7);
  v.ticket.used_at = row.opt_integer(8);
  v.ticket.used_by = row.opt_integer(9);
  v.holder_name = row.opt_text(10).value_or("");
  v.holder_email = row.opt_text(11).value_or("");
  v.team_name = row.opt_text(12);
  v.event_name = row.text(13);
  v.ticket.voided_at = row.opt_integer(14);
  v.ticket.void_reason = row.opt_text(15);
  v.ticket.ticket_type_id = row.opt_integer(16);
  v.ticket.code_id = row.integer(17);
  v.ticket.holder_user_id = row.opt_integer(18);
  v.ticket.sale_id = row.opt_integer(19);
  v.ticket.price = row.opt_text(20);
  v.holder_username = row.opt_text(21);
  v.ticket_type_name = row.opt_text(22);
  v.currency = row.text(23);
  v.ticket.inside = row.integer(24) != 0;
  v.ticket.inside_gate = row.opt_text(25);
  v.event_reentry = row.integer(26) != 0;
  v.purchaser_name = row.opt_text(27).value_or("");
  v.purchaser_email = row.opt_text(28).value_or("");
  v.ticket.claimed_at = row.opt_integer(29);
  return v;
}

std::optional<TicketView> first(const Result& r) {
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

// "UPDATE … WHERE id = ? AND status IN (<the state table's list for action>)".
std::string guarded(const std::string& set_clause, ticket_state::Action action) {
  return "UPDATE tickets SET " + set_clause + " WHERE id = ? AND status IN (" + ticket_state::sql_status_list(action) +
         ")";
}

constexpr std::size_t kRowsPerInsert = 200;  // 10 values each: well under both backends' limits

std::string generated_insert_sql(std::size_t rows) {
  std::string sql =
      "INSERT INTO tickets (event_id, ticket_type_id, batch_id, key_id, price, issued_at, issued_by, number, serial, "
      "qr_payload, status) VALUES ";
  for (std::size_t i = 0; i < rows; ++i) sql += i ? ",(?,?,?,?,?,?,?,?,?,?,'created')" : "(?,?,?,?,?,?,?,?,?,?,'created')";
  return sql;
}
}  // namespace

Id insert(Connection& c, const Ticket& t, Id key_id, std::optional<Id> issued_by, const std::string& holder_name,
          const std::string& holder_email) {
  return c.insert(
      "INSERT INTO tickets (event_id, registration_id, number, serial, qr_payload, key_id, status, issued_at, "
      "issued_by, holder_name, holder_email, purchaser_name, purchaser_email) "
      "VALUES (?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?, ?, ?, ?)",
      {t.event_id, opt(t.registration_id), t.number, t.serial, t.qr_payload, key_id, t.issued_at, opt(issued_by),
       holder_name, holder_email, holder_name, holder_email});
}

void insert_generated(Connection& c, const BatchInfo& b, const std::vector<GeneratedRow>& rows) {
  static const std::string full_sql = generated_insert_sql(kRowsPerInsert);
  std::vector<Value> params;
  params.reserve(kRowsPerInsert * 10);
  for (std::size_t start = 0; start < rows.size(); start += kRowsPerInsert) {
    const std::size_t n = std::min(kRowsPerInsert, rows.size() - start);
    params.clear();
    for (std::size_t i = start; i < start + n; ++i) {
      params.insert(params.end(), {b.event_id, b.ticket_type_id, b.batch_id, b.key_id, b.price, b.issued_at,
                                   opt(b.issued_by), rows[i].number, rows[i].serial, rows[i].qr_payload});
    }
    c.exec(n == kRowsPerInsert ? full_sql : generated_insert_sql(n), params);
  }
}

std::optional<TicketView> find_by_serial(Connection& c, const std::string& serial) {
  static const std::string sql = kSelect + "WHERE t.serial = ?";
  return first(c.query(sql, {serial}));
}

std::optional<TicketView> find_by_number(Connection& c, Id event_id, std::int64_t number) {
  // Built once, not per call: the check-in and verify paths run it on every request.
  static const std::string sql = kSelect + "WHERE t.event_id = ? AND t.number = ?";
  return first(c.query(sql, {event_id, number}));
}

std::optional<TicketView> find_by_registration(Connection& c, Id registration_id) {
  static const std::string sql = kSelect + "WHERE t.registration_id = ?";
  return first(c.query(sql, {registration_id}));
}

std::optional<TicketView> find_by_id(Connection& c, Id id) {
  static const std::string sql = kSelect + "WHERE t.id = ?";
  return first(c.query(sql, {id}));
}

Page<TicketView> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset) {
  const bool searching = f.search && !f.search->empty();
  // A search's matches are few next to an event's tickets: found by id, then sorted. "+" keeps
  // SQLite from walking the event's million tickets in number order instead, testing each one
  // against the matches (115 ms at a million, whatever the search).
  std::string where = searching ? "WHERE +t.event_id = ?" : "WHERE t.event_id = ?";
  std::vector<Value> params{f.event_id};
  if (f.status) {
    where += " AND t.status = ?";
    params.emplace_back(std::string(to_string(*f.status)));
  }
  if (f.ticket_type_id) {
    where += " AND t.ticket_type_id = ?";
    params.emplace_back(*f.ticket_type_id);
  }
  if (f.sale_id) {
    where += " AND t.sale_id = ?";
    params.emplace_back(*f.sale_id);
  }
  if (searching)
    where += ticket_search_clause(c.dialect(), f.search_is_serial ? "" : *f.search, f.search_serial, params);
  Page<TicketView> page;
  const auto count_matches = [&c, where, params] {  // the filter as it is here, before the page's limits
    return c.exec("SELECT COUNT(*) FROM tickets t " + where, params).rows.at(0).integer(0);
  };
  if (!searching) page.total = count_matches();
  params.emplace_back(limit);
  params.emplace_back(offset);
  // A search counts its matches in the pass that picks the page (a window count), as the
  // registration search does: finding them twice doubled a 2,500-match search on PostgreSQL.
  static const std::string counted = std::string(kSelect).insert(kSelect.find(" FROM tickets t "), ", COUNT(*) OVER ()");
  for (auto& row : c.exec((searching ? counted : kSelect) + where + " ORDER BY t.number LIMIT ? OFFSET ?", params).rows) {
    if (searching) page.total = row.integer(row.values.size() - 1);
    page.items.push_back(from_row(row));
  }
  if (searching && page.items.empty()) page.total = offset == 0 ? 0 : count_matches();  // paged past the end
  return page;
}

std::vector<TicketView> held_by(Connection& c, Id user_id) {
  std::vector<TicketView> out;
  for (auto& row : c.query(kSelect + "WHERE t.holder_user_id = ? ORDER BY e.starts_at, t.id LIMIT 500", {user_id}).rows)
    out.push_back(from_row(row));
  return out;
}

std::vector<BatchCode> batch_codes(Connection& c, Id batch_id, std::int64_t after_number, std::int64_t limit) {
  std::vector<BatchCode> out;
  for (auto& row : c.query("SELECT serial, qr_payload, id, code_id, holder_user_id FROM tickets WHERE batch_id = ? "
                           "AND number > ? ORDER BY number LIMIT ?",
                           {batch_id, after_number, limit})
                       .rows)
    out.push_back({row.text(0), row.text(1), row.integer(2), row.integer(3), row.opt_integer(4).has_value()});
  return out;
}

std::int64_t move_through_gate(Connection& c, Id ticket_id, gate_scan::ScanType type, bool reentry, Millis at, std::optional<Id> by,
                               const std::optional<std::string>& gate, std::optional<std::int64_t> code_id) {
  using gate_scan::ScanType;
  // One statement per (type, re-entry, code checked): the WHERE clause is the gate table's moving positions.
  auto build = [](ScanType t, bool re, bool code) {
    const auto where = "(" + gate_scan::sql_moving_positions(t, re) + ")" + (code ? " AND code_id = ?" : "");
    if (t == ScanType::entry)
      return "UPDATE tickets SET status = 'used', used_at = COALESCE(used_at, ?), used_by = COALESCE(used_by, ?), "
             "inside = 1, inside_gate = ? WHERE id = ? AND " + where;
    return "UPDATE tickets SET inside = 0, inside_gate = NULL WHERE id = ? AND " + where;
  };
  static const std::string entry_sql[2][2] = {{build(ScanType::entry, false, false), build(ScanType::entry, false, true)},
                                              {build(ScanType::entry, true, false), build(ScanType::entry, true, true)}};
  static const std::string exit_sql[2] = {build(ScanType::exit, false, false), build(ScanType::exit, false, true)};
  if (type == ScanType::entry) {
    const auto& sql = entry_sql[reentry ? 1 : 0][code_id ? 1 : 0];
    if (code_id) return c.query(sql, {at, opt(by), opt(gate), ticket_id, *code_id}).affected;
    return c.query(sql, {at, opt(by), opt(gate), ticket_id}).affected;
  }
  if (type == ScanType::exit) {
    if (code_id) return c.query(exit_sql[1], {ticket_id, *code_id}).affected;
    return c.query(exit_sql[0], {ticket_id}).affected;
  }
  return 0;  // the other scans change nothing
}

std::int64_t undo_admission(Connection& c, Id ticket_id, bool inside, Id admission_scan_id) {
  static const std::string sql =
      "UPDATE tickets SET status = 'valid', used_at = NULL, used_by = NULL, inside = 0, inside_gate = NULL "
      "WHERE id = ? AND status = 'used' AND inside = ? AND NOT EXISTS "
      "(SELECT 1 FROM scans WHERE ticket_id = ? AND id > ? AND result = 'admitted')";
  return c.query(sql, {ticket_id, std::int64_t{inside ? 1 : 0}, ticket_id, admission_scan_id}).affected;
}

std::vector<Attendee> search_attendees(Connection& c, Id event_id, const std::string& needle, std::int64_t limit) {
  // Names compared case-insensitively (ASCII on SQLite), as the tickets list does; an event's
  // tickets are read through their (event_id, …) index.
  static const std::string sql =
      "SELECT t.holder_name, r.team_name, t.serial, t.status, t.inside FROM tickets t "
      "LEFT JOIN registrations r ON r.id = t.registration_id "
      "WHERE t.event_id = ? AND t.status <> 'created' AND t.holder_name IS NOT NULL AND "
      "(lower(t.holder_name) LIKE ? ESCAPE '\\' OR lower(r.team_name) LIKE ? ESCAPE '\\') "
      "ORDER BY lower(t.holder_name), t.number LIMIT ?";
  std::string pattern = "%";
  for (char ch : needle) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  pattern += '%';
  std::vector<Attendee> out;
  for (const auto& r : c.query(sql, {event_id, pattern, pattern, limit}).rows) {
    Attendee a;
    a.name = r.opt_text(0).value_or("");
    a.team = r.opt_text(1);
    a.serial = r.text(2);
    a.status = parse_ticket_status(r.text(3)).value_or(TicketStatus::void_);
    a.inside = r.integer(4) != 0;
    out.push_back(std::move(a));
  }
  return out;
}

std::int64_t mark_void(Connection& c, Id ticket_id, Millis at, Id by, const std::string& reason) {
  // A voided holder is no longer counted inside (someone removed from the venue).
  static const std::string sql =
      guarded("status = 'void', voided_at = ?, voided_by = ?, void_reason = ?, inside = 0, inside_gate = NULL",
              ticket_state::Action::void_ticket);
  return c.query(sql, {at, by, reason, ticket_id}).affected;
}

std::int64_t mark_sold(Connection& c, Id ticket_id, const Holder& h, Id sale_id, const std::string& price) {
  static const std::string sql = guarded(
      "status = 'valid', holder_name = ?, holder_email = ?, holder_user_id = ?, sale_id = ?, price = ?, "
      "purchaser_name = ?, purchaser_email = ?",
      ticket_state::Action::sell);
  return c.query(sql, {h.name, h.email, opt(h.user_id), sale_id, price, h.name, h.email, ticket_id}).affected;
}

std::int64_t mark_refunded(Connection& c, Id ticket_id) {
  static const std::string sql = guarded("status = 'refunded'", ticket_state::Action::refund);
  return c.query(sql, {ticket_id}).affected;
}

std::int64_t set_holder_if_unheld(Connection& c, Id ticket_id, std::int64_t code_id, const Holder& h,
                                  std::optional<Millis> claimed_at) {
  static const std::string sql =
      guarded("holder_name = ?, holder_email = ?, holder_user_id = ?, claimed_at = ?", ticket_state::Action::claim) +
      " AND holder_user_id IS NULL AND code_id = ?";
  return c.query(sql, {h.name, h.email, opt(h.user_id), opt(claimed_at), ticket_id, code_id}).affected;
}

std::int64_t attach_bought_with(Connection& c, Id user_id, const std::string& email) {
  static const std::string sql = "UPDATE tickets SET holder_user_id = ? WHERE holder_user_id IS NULL AND "
                                 "lower(purchaser_email) = lower(?) AND status IN (" +
                                 ticket_state::sql_status_list(ticket_state::Action::claim) + ")";
  return c.query(sql, {user_id, email}).affected;
}

std::vector<TicketView> unheld_bought_with(Connection& c, const std::string& email) {
  static const std::string sql = kSelect + "WHERE t.holder_user_id IS NULL AND lower(t.purchaser_email) = lower(?) "
                                           "ORDER BY e.starts_at, t.id LIMIT 500";
  std::vector<TicketView> out;
  for (auto& row : c.query(sql, {email}).rows) out.push_back(from_row(row));
  return out;
}

std::int64_t replace_code(Connection& c, Id ticket_id, std::int64_t old_code_id, const std::string& new_payload) {
  static const std::string sql =
      guarded("qr_payload = ?, code_id = code_id + 1", ticket_state::Action::transfer) + " AND code_id = ?";
  return c.query(sql, {new_payload, ticket_id, old_code_id}).affected;
}

std::int64_t lift_cooling_off(Connection& c, Id ticket_id) {
  return c.query("UPDATE tickets SET claimed_at = NULL WHERE id = ?", {ticket_id}).affected;
}

std::int64_t replace_holder_and_code(Connection& c, Id ticket_id, std::int64_t old_code_id, const Holder& h,
                                     const std::string& new_payload) {
  static const std::string sql =
      guarded("holder_name = ?, holder_email = ?, holder_user_id = ?, qr_payload = ?, code_id = code_id + 1",
              ticket_state::Action::transfer) +
      " AND code_id = ?";
  return c.query(sql, {h.name, h.email, opt(h.user_id), new_payload, ticket_id, old_code_id}).affected;
}

void lock_for_change(Connection& c, const std::string& serial) {
  if (c.dialect() == Dialect::postgres) c.query("SELECT id FROM tickets WHERE serial = ? FOR UPDATE", {serial});
}

void lock_for_change(Connection& c, Id ticket_id) {
  if (c.dialect() == Dialect::postgres) c.query("SELECT id FROM tickets WHERE id = ? FOR UPDATE", {ticket_id});
}

std::vector<Id> pick_unsold(Connection& c, Id ticket_type_id, std::int64_t quantity) {
  const std::string lock = c.dialect() == Dialect::postgres ? " FOR UPDATE SKIP LOCKED" : "";
  std::vector<Id> out;
  for (auto& row :
       c.query("SELECT id FROM tickets WHERE ticket_type_id = ? AND status = 'created' ORDER BY id LIMIT ?" + lock,
               {ticket_type_id, quantity})
           .rows)
    out.push_back(row.integer(0));
  return out;
}

std::optional<std::string> stored_locale(Connection& c, Id ticket_id) {
  auto r = c.query(
      "SELECT COALESCE(u.locale, s.locale, r.locale) FROM tickets t LEFT JOIN users u ON u.id = t.holder_user_id "
      "LEFT JOIN sales s ON s.id = t.sale_id LEFT JOIN registrations r ON r.id = t.registration_id WHERE t.id = ?",
      {ticket_id});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0].opt_text(0);
}

}  // namespace gatepass::store::tickets
