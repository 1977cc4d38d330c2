#include "store/assignments_repo.hpp"

namespace gatepass::store::assignments {

namespace {
std::vector<Id> ids(const Result& r) {
  std::vector<Id> out;
  out.reserve(r.rows.size());
  for (const auto& row : r.rows) out.push_back(row.integer(0));
  return out;
}
}  // namespace

std::vector<Id> user_events(Connection& c, Id user_id) {
  return ids(c.query("SELECT event_id FROM user_events WHERE user_id = ? ORDER BY event_id", {user_id}));
}

void set_user_events(Connection& c, Id user_id, const std::vector<Id>& event_ids) {
  c.query("DELETE FROM user_events WHERE user_id = ?", {user_id});
  for (Id e : event_ids) c.query("INSERT INTO user_events (user_id, event_id) VALUES (?, ?)", {user_id, e});
}

std::vector<Id> device_events(Connection& c, Id device_ref) {
  return ids(c.query("SELECT event_id FROM device_events WHERE device_ref = ? ORDER BY event_id", {device_ref}));
}

void set_device_events(Connection& c, Id device_ref, const std::vector<Id>& event_ids) {
  c.query("DELETE FROM device_events WHERE device_ref = ?", {device_ref});
  for (Id e : event_ids) c.query("INSERT INTO device_events (device_ref, event_id) VALUES (?, ?)", {device_ref, e});
}

std::vector<Id> unknown_events(Connection& c, const std::vector<Id>& event_ids) {
  std::vector<Id> out;
  for (Id e : event_ids)
    if (c.query("SELECT 1 FROM events WHERE id = ?", {e}).rows.empty()) out.push_back(e);
  return out;
}

}  // namespace gatepass::store::assignments
