#include "store/stats_repo.hpp"

#include <map>

namespace gatepass::store::stats {

// From the counts kept by triggers (migration 006): a few rows per event, whatever the event's size.
std::vector<EventCounts> per_event(Connection& c) {
  std::vector<EventCounts> out;
  std::map<Id, std::size_t> index;
  for (const auto& row : c.query("SELECT id, name, capacity FROM events ORDER BY id", {}).rows) {
    index[row.integer(0)] = out.size();
    out.push_back({row.integer(0), row.text(1), 0, 0, 0, 0, row.opt_integer(2)});
  }
  for (const auto& row :
       c.query("SELECT event_id, status, SUM(n) FROM registration_counts GROUP BY event_id, status", {}).rows) {
    auto it = index.find(row.integer(0));
    if (it == index.end()) continue;
    auto& e = out[it->second];
    const auto status = row.text(1);
    (status == "pending" ? e.pending : status == "approved" ? e.approved : e.declined) = row.integer(2);
  }
  for (const auto& row :
       c.query("SELECT event_id, SUM(n) FROM ticket_counts WHERE status = 'used' GROUP BY event_id", {}).rows)
    if (auto it = index.find(row.integer(0)); it != index.end()) out[it->second].checked_in = row.integer(1);
  return out;
}

}  // namespace gatepass::store::stats
