#include "store/idempotency_repo.hpp"

namespace gatepass::store::idempotency {

std::optional<Stored> find(Connection& c, Id user_id, const std::string& key) {
  auto r = c.query("SELECT request, event_id, outcome, serial FROM idempotency_keys WHERE user_id = ? AND key = ?",
                   {user_id, key});
  if (r.rows.empty()) return std::nullopt;
  return Stored{r.rows[0].text(0), r.rows[0].opt_integer(1), r.rows[0].text(2), r.rows[0].opt_text(3)};
}

void insert(Connection& c, Id user_id, const std::string& key, const Stored& s, Millis now) {
  c.query(
      "INSERT INTO idempotency_keys (user_id, key, request, event_id, outcome, serial, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {user_id, key, s.request, s.event_id ? Value{*s.event_id} : Value{nullptr}, s.outcome,
       s.serial ? Value{*s.serial} : Value{nullptr}, now});
}

std::int64_t delete_older_than(Connection& c, Millis cutoff) {
  return c.query("DELETE FROM idempotency_keys WHERE created_at < ?", {cutoff}).affected;
}

}  // namespace gatepass::store::idempotency
