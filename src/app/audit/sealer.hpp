#pragma once
// The background sealer every `gatepass serve` runs (app/audit/seal.hpp): every second it links
// what was written since, then once more when it stops. On PostgreSQL each instance runs one;
// a pass finding the head locked by another instance's pass skips (that one links the rows).
// A failed pass leaves the rows unsealed (verify reports them so) and the next one tries again.
#include <chrono>
#include <functional>

#include "app/ops/periodic_task.hpp"
#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::app::audit {

class Sealer {
 public:
  Sealer(store::Database& db, std::function<Millis()> clock,
         std::chrono::milliseconds interval = std::chrono::seconds(1));

 private:
  ops::PeriodicTask task_;
};

}  // namespace gatepass::app::audit
