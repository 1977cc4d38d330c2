#include "store/ticket_types_repo.hpp"

#include "store/locale_texts_column.hpp"

namespace gatepass::store::ticket_types {

namespace {
const std::string kSelect =
    "SELECT tt.id, tt.event_id, tt.name, tt.price, tt.quota, tt.generated, tt.sold, e.currency, tt.created_at, tt.name_i18n "
    "FROM ticket_types tt JOIN events e ON e.id = tt.event_id ";

TicketType from_row(const Row& r) {
  TicketType t;
  t.id = r.integer(0);
  t.event_id = r.integer(1);
  t.name = r.text(2);
  t.price = r.text(3);
  t.quota = r.opt_integer(4);
  t.generated = r.integer(5);
  t.sold = r.integer(6);
  t.currency = r.text(7);
  t.created_at = r.integer(8);
  t.name_i18n = texts_from_column(r.text(9));
  return t;
}
}  // namespace

Id insert(Connection& c, const TicketType& t, Millis now) {
  return c
      .query("INSERT INTO ticket_types (event_id, name, price, quota, name_i18n, created_at, updated_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?) "
             "RETURNING id",
             {t.event_id, t.name, t.price, opt(t.quota), texts_to_column(t.name_i18n), now, now})
      .rows.at(0)
      .integer(0);
}

std::int64_t update(Connection& c, const TicketType& t, Millis now) {
  // Guarded like a reservation: a quota below what a racing generation already took is refused.
  return c
      .query("UPDATE ticket_types SET name = ?, price = ?, quota = ?, name_i18n = ?, updated_at = ? WHERE id = ? AND "
             "generated <= ?",
             {t.name, t.price, opt(t.quota), texts_to_column(t.name_i18n), now, t.id, t.quota.value_or(INT64_MAX)})
      .affected;
}

std::optional<TicketType> find(Connection& c, Id id) {
  auto r = c.query(kSelect + "WHERE tt.id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::vector<TicketType> of_event(Connection& c, Id event_id) {
  std::vector<TicketType> out;
  for (auto& row : c.query(kSelect + "WHERE tt.event_id = ? ORDER BY tt.id", {event_id}).rows) out.push_back(from_row(row));
  return out;
}

std::int64_t reserve(Connection& c, Id id, std::int64_t count) {
  return c
      .query("UPDATE ticket_types SET generated = generated + ? WHERE id = ? AND (quota IS NULL OR generated + ? <= quota)",
             {count, id, count})
      .affected;
}

void count_sold(Connection& c, Id id, std::int64_t delta) {
  c.query("UPDATE ticket_types SET sold = sold + ? WHERE id = ?", {delta, id});
}

std::map<Id, std::int64_t> unsold_counts(Connection& c, Id event_id) {
  std::map<Id, std::int64_t> out;
  for (const auto& row : c.query("SELECT t.ticket_type_id, COUNT(*) FROM ticket_types tt JOIN tickets t ON "
                                 "t.ticket_type_id = tt.id AND t.status = 'created' WHERE tt.event_id = ? "
                                 "GROUP BY t.ticket_type_id",
                                 {event_id})
                           .rows)
    out[row.integer(0)] = row.integer(1);
  return out;
}

}  // namespace gatepass::store::ticket_types
