#pragma once
#include <vector>

#include "app/context.hpp"
#include "store/stats_repo.hpp"

namespace gatepass::app {
// Per-event counts for the admin dashboard (pending, approved, declined, checked in).
std::vector<store::stats::EventCounts> event_counts(Context& ctx);
}  // namespace gatepass::app
