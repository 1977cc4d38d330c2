#pragma once
// Who may scan which event (docs/devices.md §2): scanner users and devices only their assigned
// events, a device with a gate only at that gate. Every gate route asks here.
#include <optional>
#include <string>

#include "app/principal.hpp"
#include "domain/error.hpp"
#include "store/db.hpp"

namespace gatepass::app::gate {

bool may_scan_event(const Principal& who, Id event_id);
// 403 not_assigned (field event_id) unless may_scan_event.
void require_event(const Principal& who, Id event_id);
// 403 not_assigned (field gate) when a device bound to a gate names another one.
void require_gate(const Principal& who, const std::optional<std::string>& gate);
// The gate event a scan or look-up runs under: the one sent (checked), else the caller's only
// event when it has exactly one, else none (the ticket's event is checked when it is known).
std::optional<Id> gate_event_of(const Principal& who, std::optional<Id> sent);
// The gate a device's scans are recorded at: its own when it has one, else the one sent.
std::optional<std::string> gate_of(const Principal& who, const std::optional<std::string>& sent);
// The device name a scan is recorded under: a device's own, else what a scanner user sent.
std::optional<std::string> device_name_of(const Principal& who, const std::optional<std::string>& sent);

// An assignment list as sent (users' and devices' `event_ids`): at most `max_events`, each a
// positive id named once; problems are added to `errors` under event_ids / event_ids[i].
void check_event_ids(const std::vector<Id>& ids, std::size_t max_events, FieldErrors& errors);
// Inside the caller's transaction: 400 naming event_ids when one names no event.
void require_known_events(store::Connection& c, const std::vector<Id>& ids);

}  // namespace gatepass::app::gate
