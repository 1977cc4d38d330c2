#include "store/tickets_repo.hpp"

#include "domain/ticket_state.hpp"

namespace gatepass::store::tickets {

namespace {
const std::string kSelect =
    "SELECT t.id, t.event_id, t.registration_id, t.number, t.serial, t.qr_payload, t.status, t.issued_at, "
    "t.used_at, t.used_by, r.name, r.email, r.team_name, e.name, t.voided_at, t.void_reason "
    "FROM tickets t JOIN registrations r ON r.id = t.registration_id JOIN events e ON e.id = t.event_id ";

std::optional<TicketView> first(const Result& r) {
  if (r.rows.empty()) return std::nullopt;
  const Row& row = r.rows[0];
  TicketView v;
  v.ticket.id = row.integer(0);
  v.ticket.event_id = row.integer(1);
  v.ticket.registration_id = row.integer(2);
  v.ticket.number = row.integer(3);
  v.ticket.serial = row.text(4);
  v.ticket.qr_payload = row.text(5);
  v.ticket.status = parse_ticket_status(row.text(6)).value_or(TicketStatus::void_);
  v.ticket.issued_at = row.integer(7);
  v.ticket.used_at = row.opt_integer(8);
  v.ticket.used_by = row.opt_integer(9);
  v.holder_name = row.text(10);
  v.holder_email = row.text(11);
  v.team_name = row.opt_text(12);
  v.event_name = row.text(13);
  v.ticket.voided_at = row.opt_integer(14);
  v.ticket.void_reason = row.opt_text(15);
  return v;
}
}  // namespace

Id insert(Connection& c, const Ticket& t, Id key_id, std::optional<Id> issued_by) {
  auto r = c.query(
      "INSERT INTO tickets (event_id, registration_id, number, serial, qr_payload, key_id, status, issued_at, "
      "issued_by) VALUES (?, ?, ?, ?, ?, ?, 'valid', ?, ?) RETURNING id",
      {t.event_id, t.registration_id, t.number, t.serial, t.qr_payload, key_id, t.issued_at,
       issued_by ? Value{*issued_by} : Value{nullptr}});
  return r.rows.at(0).integer(0);
}

std::optional<TicketView> find_by_serial(Connection& c, const std::string& serial) {
  return first(c.query(kSelect + "WHERE t.serial = ?", {serial}));
}

std::optional<TicketView> find_by_number(Connection& c, Id event_id, std::int64_t number) {
  return first(c.query(kSelect + "WHERE t.event_id = ? AND t.number = ?", {event_id, number}));
}

std::optional<TicketView> find_by_registration(Connection& c, Id registration_id) {
  return first(c.query(kSelect + "WHERE t.registration_id = ?", {registration_id}));
}

std::int64_t mark_used(Connection& c, Id ticket_id, Millis at, Id by) {
  // The WHERE clause is the state table's answer: only a ticket in a state that may be admitted.
  static const std::string sql = "UPDATE tickets SET status = 'used', used_at = ?, used_by = ? WHERE id = ? AND status IN (" +
                                 ticket_state::sql_status_list(ticket_state::Action::admit) + ")";
  return c.query(sql, {at, by, ticket_id}).affected;
}

std::int64_t mark_void(Connection& c, Id ticket_id, Millis at, Id by, const std::string& reason) {
  static const std::string sql =
      "UPDATE tickets SET status = 'void', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND status IN (" +
      ticket_state::sql_status_list(ticket_state::Action::void_ticket) + ")";
  return c.query(sql, {at, by, reason, ticket_id}).affected;
}

}  // namespace gatepass::store::tickets
