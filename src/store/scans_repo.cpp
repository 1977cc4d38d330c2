#include "store/scans_repo.hpp"

namespace gatepass::store::scans {

namespace {
const std::string kSelect =
    "SELECT s.id, s.event_id, s.ticket_id, t.serial, s.code, s.type, s.result, s.gate, s.device_id, s.user_id, "
    "s.username, s.scanned_at, s.note FROM scans s LEFT JOIN tickets t ON t.id = s.ticket_id ";

Scan from_row(const Row& r) {
  Scan s;
  s.id = r.integer(0);
  s.event_id = r.opt_integer(1);
  s.ticket_id = r.opt_integer(2);
  s.serial = r.opt_text(3);
  s.code = r.opt_text(4);
  s.type = r.text(5);
  s.result = r.text(6);
  s.gate = r.opt_text(7);
  s.device_id = r.opt_text(8);
  s.user_id = r.opt_integer(9);
  s.username = r.text(10);
  s.scanned_at = r.integer(11);
  s.note = r.opt_text(12);
  return s;
}

std::vector<Scan> rows(const Result& result) {
  std::vector<Scan> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) out.push_back(from_row(r));
  return out;
}
}  // namespace

Id insert(Connection& c, const Scan& s) {
  return c.insert("INSERT INTO scans (event_id, ticket_id, code, type, result, gate, device_id, user_id, username, "
                  "scanned_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {opt(s.event_id), opt(s.ticket_id), opt(s.code), s.type, s.result, opt(s.gate), opt(s.device_id),
                   opt(s.user_id), s.username, s.scanned_at, opt(s.note)});
}

std::vector<Scan> list(Connection& c, const Filter& f, std::int64_t limit) {
  std::string where = "WHERE 1 = 1";
  std::vector<Value> params;
  auto add = [&](const char* clause, Value v) {
    where += clause;
    params.push_back(std::move(v));
  };
  if (f.event_id) add(" AND s.event_id = ?", *f.event_id);
  if (f.gate) add(" AND s.gate = ?", *f.gate);
  if (f.result) add(" AND s.result = ?", *f.result);
  if (f.type) add(" AND s.type = ?", *f.type);
  if (f.device_id) add(" AND s.device_id = ?", *f.device_id);
  if (f.user_id) add(" AND s.user_id = ?", *f.user_id);
  if (f.since) add(" AND s.scanned_at >= ?", *f.since);
  if (f.before_id) add(" AND s.id < ?", *f.before_id);
  params.push_back(limit);
  return rows(c.exec(kSelect + where + " ORDER BY s.id DESC LIMIT ?", params));
}

std::vector<Scan> of_ticket(Connection& c, Id ticket_id, std::int64_t limit) {
  return rows(c.query(kSelect + "WHERE s.ticket_id = ? ORDER BY s.id LIMIT ?", {ticket_id, limit}));
}

std::vector<Scan> of_event_after(Connection& c, Id event_id, Id after_id, std::int64_t limit) {
  return rows(c.query(kSelect + "WHERE s.event_id = ? AND s.id > ? ORDER BY s.id LIMIT ?", {event_id, after_id, limit}));
}

std::optional<Id> newest_id(Connection& c, Id event_id) {
  return c.query("SELECT MAX(id) FROM scans WHERE event_id = ?", {event_id}).rows.at(0).opt_integer(0);
}

std::optional<Scan> find(Connection& c, Id id) {
  auto found = rows(c.query(kSelect + "WHERE s.id = ?", {id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<Scan> last_admission(Connection& c, Id ticket_id) {
  static const std::string sql = kSelect + "WHERE s.ticket_id = ? AND s.result = 'admitted' ORDER BY s.id DESC LIMIT 1";
  auto found = rows(c.query(sql, {ticket_id}));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Scan> find_many(Connection& c, const std::vector<Id>& ids) {
  if (ids.empty()) return {};
  std::string placeholders;
  std::vector<Value> params;
  params.reserve(ids.size());
  for (Id id : ids) {
    placeholders += placeholders.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  return rows(c.exec(kSelect + "WHERE s.id IN (" + placeholders + ")", params));
}

}  // namespace gatepass::store::scans
