#pragma once
// Which events a scanner user or a device may scan (docs/devices.md §2).
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::assignments {

std::vector<Id> user_events(Connection& c, Id user_id);
void set_user_events(Connection& c, Id user_id, const std::vector<Id>& event_ids);
std::vector<Id> device_events(Connection& c, Id device_ref);
void set_device_events(Connection& c, Id device_ref, const std::vector<Id>& event_ids);
// The ids among `event_ids` that name no event (to report them as a validation error).
std::vector<Id> unknown_events(Connection& c, const std::vector<Id>& event_ids);

}  // namespace gatepass::store::assignments
