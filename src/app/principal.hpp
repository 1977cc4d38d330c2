#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"

namespace gatepass::app {

// An enrolled scanner device (docs/devices.md), when the caller authenticated with its token.
struct DeviceIdentity {
  Id id = 0;                        // devices.id
  std::string device_id;            // the server-made name its scans carry, e.g. "dev-7KQ2M9XD"
  std::string name;                 // what the admin called it
  std::optional<std::string> gate;  // set: the device scans only at this gate
};

// The caller of a use case, after authentication.
struct Principal {
  Id user_id = 0;  // 0 for a device (it is no user)
  std::string username;  // a device: "device:<device_id>"
  Role role = Role::viewer;  // a device acts as a scanner
  std::optional<DeviceIdentity> device;
  // The events a scanner user or a device may scan (docs/devices.md §2); nullopt: every event
  // (admins; viewers, who read reports but cannot scan).
  std::optional<std::vector<Id>> event_ids;

  bool is_device() const { return device.has_value(); }
};

}  // namespace gatepass::app
