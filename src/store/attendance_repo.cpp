#include "store/attendance_repo.hpp"

#include <map>

namespace gatepass::store::attendance {

namespace {
// The scan results that are not refusals (docs/gate-operations.md); `undone` is an undo of an
// admission (docs/devices.md §5).
// `unknown_serial` (a typed serial naming no ticket) is not one either: it is a typing mistake.
constexpr const char* kNotRefusals = "('admitted','exited','recorded','valid','undone','unknown_serial')";
const std::string kUndoneAdmissions =
    "SELECT (a.scanned_at / ?) * ?, COALESCE(a.gate, ''), COUNT(*) FROM scans u JOIN scans a ON a.id = "
    "(SELECT MAX(p.id) FROM scans p WHERE p.ticket_id = u.ticket_id AND p.id < u.id AND p.result = 'admitted') "
    "WHERE u.event_id = ? AND u.result = 'undone' GROUP BY 1, 2";
}  // namespace

// Status and scan figures come from the counts kept by triggers (migration 006); only the inside
// per gate is counted, over the partial index of tickets inside (at most the venue's size).
Counts counts(Connection& c, Id event_id) {
  Counts out;
  for (const auto& r :
       c.query("SELECT status, inside, SUM(n) FROM ticket_counts WHERE event_id = ? GROUP BY status, inside", {event_id}).rows) {
    const auto status = r.text(0);
    const auto n = r.integer(2);
    out.issued += n;
    if (status == "valid" || status == "used") out.sold += n;
    if (status == "used") out.admitted += n;
    if (r.integer(1) != 0) out.inside += n;
  }
  std::map<std::string, GateCounts> gates;
  for (const auto& r : c.query("SELECT COALESCE(inside_gate, ''), COUNT(*) FROM tickets WHERE event_id = ? AND inside = 1 "
                               "GROUP BY inside_gate",
                               {event_id})
                           .rows)
    gates[r.text(0)].inside += r.integer(1);
  for (const auto& r : c.query("SELECT gate, result, SUM(n) FROM scan_counts WHERE event_id = ? AND "
                               "result IN ('admitted','exited','undone') GROUP BY gate, result",
                               {event_id})
                           .rows) {
    // An undo row carries the gate of the admission it undid: that entry no longer counts.
    const auto result = r.text(1);
    auto& g = gates[r.text(0)];
    if (result == "admitted") g.entries += r.integer(2);
    else if (result == "undone") g.entries -= r.integer(2);
    else g.exits += r.integer(2);
  }
  for (auto& [name, g] : gates) {
    g.gate = name;
    out.per_gate.push_back(g);
  }
  return out;
}

std::vector<Bucket> movements(Connection& c, Id event_id, Millis bucket_ms) {
  std::map<std::pair<Millis, std::string>, Bucket> buckets;
  for (const auto& r : c.query("SELECT (scanned_at / ?) * ?, COALESCE(gate, ''), result, COUNT(*) FROM scans "
                               "WHERE event_id = ? AND result IN ('admitted','exited') GROUP BY 1, 2, 3",
                               {bucket_ms, bucket_ms, event_id})
                           .rows) {
    auto& b = buckets[{r.integer(0), r.text(1)}];
    b.at = r.integer(0);
    b.gate = r.text(1);
    (r.text(2) == "admitted" ? b.admitted : b.exited) += r.integer(3);
  }
  // An undone admission is taken out of the bucket and gate of the admission it undid (the
  // admission before the undo row), so neither arrivals nor inside-over-time count it. Undos are
  // rare: one index look-up each, and none of this when the counts say there were none.
  const bool any_undone =
      c.query("SELECT COALESCE(SUM(n), 0) FROM scan_counts WHERE event_id = ? AND result = 'undone'", {event_id})
          .rows.at(0).integer(0) > 0;
  if (any_undone)
    for (const auto& r : c.query(kUndoneAdmissions, {bucket_ms, bucket_ms, event_id}).rows) {
      auto& b = buckets[{r.integer(0), r.text(1)}];
      b.at = r.integer(0);
      b.gate = r.text(1);
      b.admitted -= r.integer(2);
    }
  std::vector<Bucket> out;
  for (auto& [key, b] : buckets) out.push_back(std::move(b));
  return out;
}

std::vector<ResultCount> refusals(Connection& c, Id event_id) {
  std::vector<ResultCount> out;
  for (const auto& r : c.query(std::string("SELECT result, SUM(n) FROM scan_counts WHERE event_id = ? AND result NOT IN ") +
                                   kNotRefusals + " GROUP BY result ORDER BY 2 DESC, 1",
                               {event_id})
                           .rows)
    out.push_back({r.text(0), r.integer(1)});
  return out;
}

std::int64_t typed_misses(Connection& c, Id event_id, const std::optional<std::string>& gate) {
  const std::string sql = "SELECT COALESCE(SUM(n), 0) FROM scan_counts WHERE event_id = ? AND result = 'unknown_serial'";
  if (!gate) return c.query(sql, {event_id}).rows.at(0).integer(0);
  return c.query(sql + " AND gate = ?", {event_id, *gate}).rows.at(0).integer(0);
}

}  // namespace gatepass::store::attendance
