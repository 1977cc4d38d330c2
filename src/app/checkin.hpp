#pragma once
// The gate: verify shows who holds a ticket; check_in admits it exactly once.
#include "app/context.hpp"
#include "domain/error.hpp"
#include "domain/gate_scan.hpp"

namespace gatepass::app {

// `code` is the scanned QR payload (GP1:…) or the human serial typed in by hand.
// Unknown or forged -> Error(invalid_ticket); a genuine code replaced by a transfer ->
// Error(superseded); either attempt is audited.
// With `gate_event`, a ticket of any other event -> Error(wrong_event), audited too.
// A scanner must name its gate's event to look up a serial (validation error otherwise).
struct Verified {
  TicketView ticket;
  // Why this ticket would not be admitted now (domain/ticket_state::gate_refusal): already_used
  // (shown, 200) or not_sold / refunded / void (the gate answers 409). nullopt: it would be admitted.
  std::optional<ErrorCode> refusal;
};
// Where the look-up happened (docs/devices.md §5): a refusal is recorded as a scan row of `type`
// with this gate and device (a device's own gate and device_id win over what it sends). Repeats
// (same code, result and device, or user without a device) within a minute are coalesced.
struct VerifyAt {
  std::optional<std::string> gate;
  std::optional<std::string> device_id;
  gate_scan::ScanType type = gate_scan::ScanType::entry_check;
};
Verified verify_ticket(Context& ctx, const Principal& by, const std::string& code,
                       std::optional<Id> gate_event = std::nullopt, const VerifyAt& at = {});

// One scan at a gate (docs/gate-operations.md): an entry, exit, attendance, check or sale
// confirmation, decided by domain/gate_scan and written with its `scans` row in one transaction.
struct ScanRequest {
  std::string code;
  gate_scan::ScanType type = gate_scan::ScanType::entry;
  std::optional<Id> gate_event;          // the gate's event: other events' tickets are refused
  std::optional<std::string> gate;       // gate / location name
  std::optional<std::string> device_id;
  std::optional<std::string> note;
  std::optional<std::string> idempotency_key;
};
struct ScanOutcome {
  std::string result;                // admitted, exited, recorded, valid, or a refusal's code
  std::optional<ErrorCode> refusal;  // set when the scan was refused (invalid_ticket: no ticket)
  std::optional<TicketView> ticket;  // as it is after the scan
  bool reentry = false;              // an admission of a holder who had left
  bool replayed = false;             // answered from an earlier request with the same key
  std::optional<Scan> scan;          // the row written (none on a replay)
};
// Validates gate, device_id and note (lengths, UTF-8); the use case every gate scan goes through.
ScanOutcome scan_ticket(Context& ctx, const Principal& by, const ScanRequest& request);

enum class CheckInOutcome { admitted, already_used, not_valid, invalid, wrong_event, superseded };
struct CheckIn {
  CheckInOutcome outcome = CheckInOutcome::invalid;
  std::optional<TicketView> ticket;  // with used_at = the FIRST check-in time
  bool replayed = false;             // answered from an earlier request with the same key
};
// An entry scan (scan_ticket) in the shape the first gate API had. One conditional write admits;
// every attempt is audited in the same transaction. With an idempotency key, a retry of the same
// request gets the first outcome back. With `gate_event`, a ticket of another event is not
// admitted (outcome wrong_event).
CheckIn check_in_ticket(Context& ctx, const Principal& by, const std::string& code,
                        const std::optional<std::string>& idempotency_key, std::optional<Id> gate_event = std::nullopt);

std::string_view to_string(CheckInOutcome o);

// Idempotency keys only need to outlive a client's retries (seconds to minutes); keeping them
// for two days is generous and keeps the table small. Returns how many were removed.
inline constexpr Millis kIdempotencyRetentionMs = 48LL * 3600 * 1000;
std::int64_t prune_idempotency_keys(Context& ctx);

}  // namespace gatepass::app
