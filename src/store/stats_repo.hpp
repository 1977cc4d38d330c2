#pragma once
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::stats {

struct EventCounts {
  Id event_id = 0;
  std::string event_name;
  std::int64_t pending = 0, approved = 0, declined = 0, checked_in = 0;
  std::optional<std::int64_t> capacity;
};
// One row per event, from the kept counts (no per-event queries, no counting of big tables).
std::vector<EventCounts> per_event(Connection& c);

}  // namespace gatepass::store::stats
