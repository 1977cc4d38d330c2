#include "store/privacy_requests_repo.hpp"

namespace gatepass::store::privacy_requests {

namespace {
const std::string kSelect =
    "SELECT r.id, r.user_id, u.username, u.email, u.email_verified_at, r.status, r.requested_at, r.decided_at, d.username "
    "FROM privacy_requests r JOIN users u ON u.id = r.user_id LEFT JOIN users d ON d.id = r.decided_by ";

Request from_row(const Row& row) {
  Request r;
  r.id = row.integer(0);
  r.user_id = row.integer(1);
  r.username = row.text(2);
  r.email = row.opt_text(3);
  r.email_verified = !row.is_null(4);
  r.status = row.text(5);
  r.requested_at = row.integer(6);
  r.decided_at = row.opt_integer(7);
  r.decided_by = row.opt_text(8);
  return r;
}
}  // namespace

Opened open_for(Connection& c, Id user_id, Millis now) {
  // The partial unique index decides a race: the loser inserts nothing and reads the winner's row.
  const auto inserted = c.query("INSERT INTO privacy_requests (user_id, status, requested_at) VALUES (?, 'pending', ?) "
          "ON CONFLICT (user_id) WHERE status = 'pending' DO NOTHING",
          {user_id, now});
  return {from_row(c.query(kSelect + "WHERE r.user_id = ? AND r.status = 'pending'", {user_id}).rows.at(0)),
          inserted.affected == 1};
}

std::optional<Request> latest_of(Connection& c, Id user_id) {
  auto r = c.query(kSelect + "WHERE r.user_id = ? ORDER BY r.id DESC LIMIT 1", {user_id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::optional<Request> find(Connection& c, Id id) {
  auto r = c.query(kSelect + "WHERE r.id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

Page<Request> list(Connection& c, const std::optional<std::string>& status, std::int64_t limit, std::int64_t offset) {
  Page<Request> page;
  const std::string where = status ? "WHERE r.status = ? " : "";
  std::vector<Value> params;
  if (status) params.emplace_back(*status);
  page.total = c.exec("SELECT COUNT(*) FROM privacy_requests r " + where, params).rows.at(0).integer(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  for (const auto& row :
       c.exec(kSelect + where + "ORDER BY r.status = 'pending' DESC, r.id DESC LIMIT ? OFFSET ?", params).rows)
    page.items.push_back(from_row(row));
  return page;
}

std::int64_t mark_done(Connection& c, Id id, Id by, Millis now) {
  return c.query("UPDATE privacy_requests SET status = 'done', decided_at = ?, decided_by = ? WHERE id = ? AND status = 'pending'",
                 {now, by, id})
      .affected;
}

}  // namespace gatepass::store::privacy_requests
