#include "store/sales_repo.hpp"

namespace gatepass::store::sales {

Id insert(Connection& c, const Sale& s) {
  return c
      .query("INSERT INTO sales (event_id, ticket_type_id, buyer_name, buyer_email, quantity, unit_price, total, currency, "
             "holder_user_id, seller_id, sold_at, locale) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {s.event_id, opt(s.ticket_type_id), s.buyer_name, s.buyer_email, s.quantity, s.unit_price, s.total,
              s.currency, opt(s.holder_user_id), opt(s.seller_id), s.sold_at, opt(s.locale)})
      .rows.at(0)
      .integer(0);
}

std::vector<Sale> of_event(Connection& c, Id event_id, std::int64_t limit, std::int64_t offset) {
  std::vector<Sale> out;
  for (auto& r : c.query("SELECT s.id, s.event_id, s.ticket_type_id, s.buyer_name, s.buyer_email, s.quantity, "
                         "s.unit_price, s.total, s.currency, s.holder_user_id, s.seller_id, COALESCE(u.username, ''), "
                         "s.sold_at, s.locale FROM sales s LEFT JOIN users u ON u.id = s.seller_id WHERE s.event_id = ? "
                         "ORDER BY s.id DESC LIMIT ? OFFSET ?",
                         {event_id, limit, offset})
                    .rows) {
    Sale s;
    s.id = r.integer(0);
    s.event_id = r.integer(1);
    s.ticket_type_id = r.opt_integer(2);
    s.buyer_name = r.text(3);
    s.buyer_email = r.text(4);
    s.quantity = r.integer(5);
    s.unit_price = r.text(6);
    s.total = r.text(7);
    s.currency = r.text(8);
    s.holder_user_id = r.opt_integer(9);
    s.seller_id = r.opt_integer(10);
    s.seller = r.text(11);
    s.sold_at = r.integer(12);
    s.locale = r.opt_text(13);
    out.push_back(std::move(s));
  }
  return out;
}

Id insert_batch(Connection& c, const Batch& b, std::optional<Id> job_id, std::optional<Id> by, Millis now) {
  return c
      .query("INSERT INTO ticket_batches (event_id, ticket_type_id, job_id, count, first_number, created_by, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {b.event_id, b.ticket_type_id, opt(job_id), b.count, b.first_number, opt(by), now})
      .rows.at(0)
      .integer(0);
}

std::optional<Batch> find_batch(Connection& c, Id id) {
  auto r = c.query("SELECT id, event_id, ticket_type_id, count, first_number FROM ticket_batches WHERE id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows[0];
  return Batch{row.integer(0), row.integer(1), row.integer(2), row.integer(3), row.integer(4)};
}

}  // namespace gatepass::store::sales
