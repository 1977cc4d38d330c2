#pragma once
// Scans a device made offline and uploads later (docs/offline-gates.md §3): their input limits,
// the clock-skew correction and what the server's gate decision means for a scan that already
// let someone in. Pure logic; app/offline_sync applies it in a transaction.
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/model.hpp"

namespace gatepass::offline {

inline constexpr std::size_t kMaxScansPerUpload = 500;
inline constexpr std::size_t kMaxCodeLength = 512;
inline constexpr Millis kMaxScanAgeMs = 30LL * 24 * 3600 * 1000;
// A corrected scan time this far ahead of the server is accepted as "now" (rounding, network).
inline constexpr Millis kFutureToleranceMs = 5LL * 60 * 1000;

// 8-64 characters of A-Z a-z 0-9 _ - (a UUID fits).
bool valid_scan_nonce(std::string_view nonce);

// The device's clock error, estimated when it sends a batch: server time minus the device's
// clock at sending (nullopt when the device did not say). Network delay makes it slightly
// positive; that is far below what matters at a gate (seconds to hours of a wrong clock).
std::optional<Millis> clock_skew(Millis received_at, std::optional<Millis> device_sent_at);
Millis corrected_time(Millis device_time, std::optional<Millis> skew);

// admitted / conflict / invalid for entries; exited for an exit recorded offline (re-entry events).
enum class Outcome { admitted, conflict, invalid, exited };
std::string_view to_string(Outcome o);

struct Judgement {
  Outcome outcome = Outcome::invalid;
  std::optional<std::string> reason;  // double_admission, refunded, void, not_sold, superseded, invalid_ticket
};
// What an offline admission turns out to be, from the gate table's refusal for an entry at the
// time the scan reaches the server (nullopt: this scan is the admission).
Judgement judge(std::optional<ErrorCode> entry_refusal);

// A device whose online admission got no answer admits offline and queues the scan; if the
// request had reached the server, the upload finds that admission, made by the same device
// moments earlier. It is the same holder, not a double admission. (Two OFFLINE admissions by one
// device are two holders: the device itself refuses a ticket it admitted.)
inline constexpr Millis kSameAdmissionWindowMs = 2LL * 60 * 1000;
// Device AND account must match (docs/devices.md §3): a scanner cannot file an upload under
// another device's name, or another account's, to have a double admission merged away.
struct KeptAdmission {
  std::optional<std::string> device_id;
  Millis at = 0;
  bool offline = false;
  std::string account;  // the username that made it ("device:<device_id>" for a device)
};
bool same_admission(const KeptAdmission& kept, const std::string& device, const std::string& account, Millis at);

// The batch's plausible window for a scan time (docs/devices.md §3): never before the device's
// previous completed sync (`floor`, when known), never after the server received the batch.
Millis plausible_time(Millis corrected, std::optional<Millis> floor, Millis received_at);

// One uploaded scan as stored (offline_scans).
struct StoredScan {
  Id id = 0;
  std::string nonce;
  std::string device_id;
  std::optional<Id> event_id;
  std::optional<Id> ticket_id;
  std::optional<std::string> serial;
  std::optional<Id> scan_id;
  std::optional<std::string> code;
  std::optional<std::string> gate;
  std::optional<Id> user_id;
  std::string username;
  Millis device_scanned_at = 0;
  Millis scanned_at = 0;
  Millis received_at = 0;
  std::optional<Millis> skew_ms;
  std::string outcome;
  std::optional<std::string> reason;
  std::optional<Id> server_scan_id;
  std::optional<Millis> server_at;
};

}  // namespace gatepass::offline
