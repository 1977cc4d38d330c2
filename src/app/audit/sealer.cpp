#include "app/audit/sealer.hpp"

#include "app/audit/seal.hpp"

namespace gatepass::app::audit {

Sealer::Sealer(store::Database& db, std::function<Millis()> clock, std::chrono::milliseconds interval)
    : task_("audit chain: sealing", interval,
            [&db, clock = std::move(clock)] { seal_committed(db, clock, /*wait=*/false); }) {}

}  // namespace gatepass::app::audit
