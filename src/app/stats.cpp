#include "app/stats.hpp"

namespace gatepass::app {

std::vector<store::stats::EventCounts> event_counts(Context& ctx) {
  std::vector<store::stats::EventCounts> counts;
  ctx.db.read([&](store::Connection& c) { counts = store::stats::per_event(c); });  // one snapshot
  return counts;
}

}  // namespace gatepass::app
