#include "app/gate/assignment.hpp"

#include <algorithm>

#include "domain/error.hpp"

namespace gatepass::app::gate {

bool may_scan_event(const Principal& who, Id event_id) {
  if (!who.event_ids) return true;
  return std::find(who.event_ids->begin(), who.event_ids->end(), event_id) != who.event_ids->end();
}

void require_event(const Principal& who, Id event_id) {
  if (!may_scan_event(who, event_id))
    throw Error(ErrorCode::not_assigned, "This scanner is not assigned to this event",
                {{"event_id", "is not one of this scanner's events (" + std::to_string(event_id) + ")"}});
}

void require_gate(const Principal& who, const std::optional<std::string>& gate) {
  if (who.device && who.device->gate && gate && *gate != *who.device->gate)
    throw Error(ErrorCode::not_assigned, "This device scans only at gate " + *who.device->gate,
                {{"gate", "must be " + *who.device->gate + " (this device's gate) or left out"}});
}

std::optional<Id> gate_event_of(const Principal& who, std::optional<Id> sent) {
  if (sent) {
    require_event(who, *sent);
    return sent;
  }
  if (who.event_ids && who.event_ids->size() == 1) return who.event_ids->front();
  return std::nullopt;
}

std::optional<std::string> gate_of(const Principal& who, const std::optional<std::string>& sent) {
  require_gate(who, sent);
  if (who.device && who.device->gate) return who.device->gate;
  return sent;
}

std::optional<std::string> device_name_of(const Principal& who, const std::optional<std::string>& sent) {
  if (who.device) return who.device->device_id;
  return sent;
}

}  // namespace gatepass::app::gate
