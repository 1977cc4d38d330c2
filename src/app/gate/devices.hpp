#pragma once
// Enrolled scanner devices (docs/devices.md §1): an admin creates one and gets a one-time pairing
// code; the phone enrols with it and gets its own long-lived token (`Authorization: Device`),
// which can be revoked or rolled at any time. Tokens and pairing codes are random (libsodium) and
// stored as SHA-256 only.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "store/devices_repo.hpp"

namespace gatepass::app::gate {

using Device = store::devices::Row;

inline constexpr Millis kPairingLifetimeMs = 10 * 60'000;

struct DeviceInput {
  std::optional<std::string> name;
  std::optional<std::vector<Id>> event_ids;
  std::optional<std::optional<std::string>> gate;  // null clears it
};

struct Pairing {
  Device device;
  std::string pairing_code;  // ABCD-EFGH-IJKL-MNOP
  Millis pairing_expires_at = 0;
  std::optional<std::string> token;  // roll: the new token
};

Pairing create_device(Context& ctx, const Principal& by, const DeviceInput& input);
std::vector<Device> list_devices(Context& ctx);
Device update_device(Context& ctx, const Principal& by, Id id, const DeviceInput& input);
Device revoke_device(Context& ctx, const Principal& by, Id id);
Pairing roll_device(Context& ctx, const Principal& by, Id id);

struct Enrolment {
  std::string token;
  Device device;
};
// Anonymous (the route spends the per-address budget). A wrong, used or expired code: 400 naming
// pairing_code, audited.
Enrolment enroll_device(Context& ctx, const std::string& pairing_code, const std::string& app_version);

// `Authorization: Device <token>` -> a scanner principal bound to the device's events and gate.
// 401 for an unknown, revoked or rolled token.
Principal authenticate_device(Context& ctx, const std::string& token);
Device current_device(Context& ctx, const Principal& device);
// The device's events (id and name).
std::vector<Event> device_events(Context& ctx, const Device& device);

// The device list's pack age, written when a device fetches a pack or delta (uploads record
// their own numbers in app/offline_sync).
void note_pack_fetched(Context& ctx, const Principal& who, Millis generated_at);

// Pairing codes as typed: case, spaces and dashes do not matter. nullopt when malformed.
std::optional<std::string> normalize_pairing_code(const std::string& typed);

}  // namespace gatepass::app::gate
