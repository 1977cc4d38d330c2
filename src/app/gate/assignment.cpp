#include "app/gate/assignment.hpp"

#include <algorithm>

#include "domain/error.hpp"
#include "store/assignments_repo.hpp"

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

void check_event_ids(const std::vector<Id>& ids, std::size_t max_events, FieldErrors& errors) {
  if (ids.size() > max_events) errors.add("event_ids", "must list at most " + std::to_string(max_events) + " events");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] < 1) errors.add("event_ids[" + std::to_string(i) + "]", "must be a positive event id");
    if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) != ids.begin() + static_cast<std::ptrdiff_t>(i))
      errors.add("event_ids[" + std::to_string(i) + "]", "is listed twice");
  }
}

void require_known_events(store::Connection& c, const std::vector<Id>& ids) {
  const auto unknown = store::assignments::unknown_events(c, ids);
  if (!unknown.empty())
    throw Error(ErrorCode::validation, "Some fields are invalid",
                {{"event_ids", "names no event: " + std::to_string(unknown.front())}});
}

}  // namespace gatepass::app::gate
