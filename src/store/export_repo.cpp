#include "store/export_repo.hpp"

#include "store/text_search.hpp"

namespace gatepass::store::exports {

namespace {
// Per kind: the SELECT list (in columns() order, id last), FROM, and its id column.
struct Query {
  const char* select;
  const char* from;
  const char* id;
};

Query query_of(Kind kind) {
  switch (kind) {
    case Kind::registrations:
      return {"r.id, r.event_id, r.name, r.email, r.phone, r.team_name, r.status, r.created_at, r.decided_at, "
              "t.serial, r.id",
              "registrations r LEFT JOIN tickets t ON t.registration_id = r.id", "r.id"};
    case Kind::tickets:
      return {"t.serial, t.event_id, t.status, t.holder_name, t.holder_email, tt.name, t.price, t.issued_at, "
              "t.used_at, t.inside, t.inside_gate, t.id",
              "tickets t LEFT JOIN ticket_types tt ON tt.id = t.ticket_type_id", "t.id"};
    case Kind::scans:
      return {"s.id, s.scanned_at, s.event_id, t.serial, s.code, s.type, s.result, s.gate, s.device_id, s.username, "
              "s.note, s.id",
              "scans s LEFT JOIN tickets t ON t.id = s.ticket_id", "s.id"};
    case Kind::audit:
      return {"a.id, a.created_at, a.actor, a.action, a.entity_type, a.entity_id, a.event_id, a.details, a.id",
              "audit_logs a", "a.id"};
  }
  return query_of(Kind::audit);
}
}  // namespace

const std::vector<Column>& columns(Kind kind) {
  static const std::vector<Column> registrations = {
      {"id"}, {"event_id"}, {"name"}, {"email"}, {"phone"}, {"team_name"}, {"status"},
      {"created_at", true}, {"decided_at", true}, {"ticket_serial"}};
  static const std::vector<Column> tickets = {
      {"serial"}, {"event_id"}, {"status"}, {"holder_name"}, {"holder_email"}, {"ticket_type"}, {"price"},
      {"issued_at", true}, {"used_at", true}, {"inside"}, {"inside_gate"}};
  static const std::vector<Column> scans = {{"id"}, {"scanned_at", true}, {"event_id"}, {"serial"}, {"code"}, {"type"},
                                            {"result"}, {"gate"}, {"device_id"}, {"user"}, {"note"}};
  static const std::vector<Column> audit = {{"id"}, {"at", true}, {"actor"}, {"action"},
                                            {"entity_type"}, {"entity_id"}, {"event_id"}, {"details"}};
  switch (kind) {
    case Kind::registrations: return registrations;
    case Kind::tickets: return tickets;
    case Kind::scans: return scans;
    case Kind::audit: return audit;
  }
  return audit;
}

PageOf page(Connection& c, Kind kind, const Filter& f, Id after_id, std::int64_t limit) {
  const auto q = query_of(kind);
  const std::string prefix = std::string(q.id).substr(0, 2);  // "r.", "t.", "s.", "a."
  std::string where = std::string(" WHERE ") + q.id + " > ?";
  std::vector<Value> params{after_id};
  auto add = [&](const std::string& clause, Value v) {
    where += " AND " + clause;
    params.push_back(std::move(v));
  };
  if (f.event_id) add(prefix + "event_id = ?", *f.event_id);
  if (f.status && (kind == Kind::registrations || kind == Kind::tickets)) add(prefix + "status = ?", *f.status);
  if (f.search && kind == Kind::registrations) {
    where += registration_search_clause(c.dialect(), *f.search, "r.", params);
  }
  if (f.batch_id && kind == Kind::tickets) add("t.batch_id = ?", *f.batch_id);
  if (kind == Kind::scans) {
    if (f.gate) add("s.gate = ?", *f.gate);
    if (f.result) add("s.result = ?", *f.result);
    if (f.type) add("s.type = ?", *f.type);
    if (f.since) add("s.scanned_at >= ?", *f.since);
  }
  if (kind == Kind::audit) {
    if (f.action) add("a.action = ?", *f.action);
    if (f.since) add("a.created_at >= ?", *f.since);
  }
  params.push_back(limit);
  PageOf out;
  out.rows = c.exec(std::string("SELECT ") + q.select + " FROM " + q.from + where + " ORDER BY " + q.id + " LIMIT ?", params).rows;
  return out;
}

}  // namespace gatepass::store::exports
