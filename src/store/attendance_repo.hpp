#pragma once
// Attendance figures of one event: the live counts (what the stream sends) and the report behind
// the dashboard's charts (arrivals per bucket and gate, inside over time, refusals by reason).
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::attendance {

struct GateCounts {
  std::string gate;  // "" when scanners sent no gate name
  std::int64_t entries = 0, exits = 0, inside = 0;
};

struct Counts {
  std::int64_t issued = 0;    // every ticket of the event, whatever its state
  std::int64_t sold = 0;      // valid + used: tickets that can be or were used
  std::int64_t admitted = 0;  // used: admitted at least once
  std::int64_t inside = 0;
  std::vector<GateCounts> per_gate;  // by gate name
};
Counts counts(Connection& c, Id event_id);

struct Bucket {
  Millis at = 0;      // bucket start
  std::string gate;
  std::int64_t admitted = 0, exited = 0;
};
// Admitted entries and exits per bucket of `bucket_ms` and gate, oldest first.
std::vector<Bucket> movements(Connection& c, Id event_id, Millis bucket_ms);

struct ResultCount {
  std::string result;
  std::int64_t count = 0;
};
// Refused scans by result (already_used, invalid, …), most frequent first. Typed serials that
// named no ticket (`unknown_serial`) are typing mistakes, not refusals: counted by typed_misses.
std::vector<ResultCount> refusals(Connection& c, Id event_id);
// Scans of a typed serial that names no ticket (result unknown_serial); with `gate`, at that gate
// only ("" = scans without a gate).
std::int64_t typed_misses(Connection& c, Id event_id, const std::optional<std::string>& gate = std::nullopt);

}  // namespace gatepass::store::attendance
