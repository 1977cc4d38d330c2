#include "app/housekeeping.hpp"

#include "app/checkin.hpp"

namespace gatepass::app {

HousekeepingReport run_housekeeping(Context& ctx) {
  HousekeepingReport r;
  r.idempotency_keys_pruned = prune_idempotency_keys(ctx);
  return r;
}

}  // namespace gatepass::app
