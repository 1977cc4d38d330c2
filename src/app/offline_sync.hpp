#pragma once
// Offline admissions uploaded by scanner devices, and the conflicts they reveal
// (docs/offline-gates.md §3-4).
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/principal.hpp"
#include "store/offline_repo.hpp"

namespace gatepass::app {

struct OfflineScanInput {
  std::string code;
  std::string nonce;
  Millis scanned_at = 0;  // the device's clock
  std::optional<std::string> gate;
  std::string type = "entry";  // entry, or exit (re-entry events)
};
struct OfflineUpload {
  std::string device_id;  // a scanner user's shared phone names itself; an enrolled device is named by its token
  std::optional<Millis> sent_at;  // the device's clock when sending: gives the skew
  // How many scans the device had queued when sending (this batch included); more than the batch:
  // the upload is one of several, and the device's sync is complete only with the last.
  std::optional<std::int64_t> queued;
  std::vector<OfflineScanInput> scans;
};

struct OfflineScanResult {
  std::string nonce;
  std::string outcome;  // admitted, conflict, invalid, exited
  std::optional<std::string> reason;
  std::optional<std::string> serial;
  bool replayed = false;
};
struct OfflineSyncAnswer {
  std::string device_id;
  std::optional<Millis> skew_ms;
  std::vector<OfflineScanResult> results;  // in the order of the upload
  std::int64_t admitted = 0, conflicts = 0, invalid = 0, replayed = 0;
};

// Validates the whole upload first (a 400 names the field, e.g. scans[3].nonce; nothing is
// applied), then applies the scans in order of corrected scan time in one transaction: the first
// admission of a ticket wins, every later one is a conflict. Idempotent by nonce.
// An enrolled device is named by its token (a body device_id is ignored), its gate applies, and
// scans of events it is not assigned to are `invalid` with reason not_assigned (docs/devices.md §3).
OfflineSyncAnswer sync_offline_scans(Context& ctx, const Principal& by, const OfflineUpload& upload);

struct ConflictReport {
  std::vector<store::offline::Conflict> items;  // newest first
  std::vector<store::offline::Device> devices;
};
inline constexpr std::int64_t kMaxConflictsListed = 500;
ConflictReport conflict_report(Context& ctx, Id event_id);

}  // namespace gatepass::app
