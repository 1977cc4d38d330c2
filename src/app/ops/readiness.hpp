#pragma once
// Whether this instance should get traffic (GET /api/health/ready), for load balancers and
// monitors: the database answers, its schema is the one this build expects, the SQLite disk has
// room, and mail is not stuck. Liveness (the process answers) needs none of this.
#include <string>
#include <vector>

#include "app/context.hpp"

namespace gatepass::app {

struct ReadinessCheck {
  std::string name;    // database, migrations, disk, outbox
  bool ok = true;
  std::string detail;  // what was seen, for people
};

// Every check, in order; a check that cannot run (the database is down) is a failed check.
std::vector<ReadinessCheck> check_readiness(Context& ctx);

}  // namespace gatepass::app
