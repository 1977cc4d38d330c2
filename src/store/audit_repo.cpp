#include "store/audit_repo.hpp"

namespace gatepass::store::audit {

void insert(Connection& c, const AuditEntry& e) {
  c.defer(  // nobody reads the row back in this transaction: it travels with the next statement
      "INSERT INTO audit_logs (actor_id, actor, action, entity_type, entity_id, event_id, details, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.actor_id ? Value{*e.actor_id} : Value{nullptr}, e.actor, e.action, e.entity_type,
       e.entity_id ? Value{*e.entity_id} : Value{nullptr}, e.event_id ? Value{*e.event_id} : Value{nullptr},
       e.details_json, e.created_at});
}

Page<AuditEntry> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (f.action) {
    where += " AND action = ?";
    params.emplace_back(*f.action);
  }
  if (f.event_id) {
    where += " AND event_id = ?";
    params.emplace_back(*f.event_id);
  }
  Page<AuditEntry> page;
  page.total = c.exec("SELECT COUNT(*) FROM audit_logs" + where, params).rows.at(0).integer(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto r = c.exec(
      "SELECT id, actor_id, actor, action, entity_type, entity_id, event_id, details, created_at FROM audit_logs" +
          where + " ORDER BY id DESC LIMIT ? OFFSET ?",
      params);
  for (auto& row : r.rows) {
    AuditEntry e;
    e.id = row.integer(0);
    e.actor_id = row.opt_integer(1);
    e.actor = row.text(2);
    e.action = row.text(3);
    e.entity_type = row.text(4);
    e.entity_id = row.opt_text(5);
    e.event_id = row.opt_integer(6);
    e.details_json = row.text(7);
    e.created_at = row.integer(8);
    page.items.push_back(std::move(e));
  }
  return page;
}

}  // namespace gatepass::store::audit
