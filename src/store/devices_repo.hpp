#pragma once
// Enrolled scanner devices (docs/devices.md §1). Tokens and pairing codes are stored as SHA-256 only.
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::devices {

struct Row {
  Id id = 0;
  std::string device_id;
  std::string name;
  std::optional<std::string> gate;
  bool enrolled = false;  // has a token
  std::optional<Millis> pairing_expires_at;
  Millis created_at = 0;
  std::optional<Millis> enrolled_at, revoked_at, last_seen_at;
  std::optional<std::string> app_version;
  std::optional<Millis> pack_generated_at;
  std::optional<std::int64_t> queued_at_last_sync;
  std::optional<std::int64_t> clock_skew_ms;
  std::optional<Millis> last_sync_at;
  std::optional<Millis> sync_floor;  // its next upload's scans are not dated before this
  std::vector<Id> event_ids;
};

Id insert(Connection& c, const std::string& device_id, const std::string& name, const std::optional<std::string>& gate,
          const std::string& pairing_hash, Millis pairing_expires_at, Id created_by, Millis now);
std::optional<Row> find(Connection& c, Id id);
std::vector<Row> list(Connection& c);
// The active (enrolled, not revoked) device holding this token.
std::optional<Row> find_by_token(Connection& c, const std::string& token_hash);
// Uses up an unexpired pairing code of a device that is not revoked: sets the new token and the
// app version. Returns the device's id, nullopt when no such code.
std::optional<Id> redeem_pairing(Connection& c, const std::string& pairing_hash, const std::string& token_hash,
                                 const std::string& app_version, Millis now);
void update(Connection& c, Id id, const std::string& name, const std::optional<std::string>& gate);
// Ends the token and any pairing code.
std::int64_t revoke(Connection& c, Id id, Millis now);
// A new token (the old one stops) and a new pairing code. 0 when the device is revoked or unknown.
std::int64_t roll(Connection& c, Id id, const std::string& token_hash, const std::string& pairing_hash,
                  Millis pairing_expires_at);
// What the device list shows of its last contact (written at most once a minute per device).
void touch(Connection& c, Id id, Millis now);
void record_pack(Connection& c, Id id, Millis generated_at, Millis now);
// `complete`: the upload carried the device's whole queue, so its next scans are made after now.
void record_sync(Connection& c, Id id, std::int64_t queued, std::optional<std::int64_t> skew_ms, bool complete, Millis now);

}  // namespace gatepass::store::devices
