#pragma once
// The gate: verify shows who holds a ticket; check_in admits it exactly once.
#include "app/context.hpp"
#include "domain/error.hpp"

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
Verified verify_ticket(Context& ctx, const Principal& by, const std::string& code,
                       std::optional<Id> gate_event = std::nullopt);

enum class CheckInOutcome { admitted, already_used, not_valid, invalid, wrong_event, superseded };
struct CheckIn {
  CheckInOutcome outcome = CheckInOutcome::invalid;
  std::optional<TicketView> ticket;  // with used_at = the FIRST check-in time
  bool replayed = false;             // answered from an earlier request with the same key
};
// One conditional write admits; every attempt is audited in the same transaction. With an
// idempotency key, a retry of the same request gets the first outcome back.
// With `gate_event`, a ticket of another event is not admitted (outcome wrong_event).
CheckIn check_in_ticket(Context& ctx, const Principal& by, const std::string& code,
                        const std::optional<std::string>& idempotency_key, std::optional<Id> gate_event = std::nullopt);

std::string_view to_string(CheckInOutcome o);

// Idempotency keys only need to outlive a client's retries (seconds to minutes); keeping them
// for two days is generous and keeps the table small. Returns how many were removed.
inline constexpr Millis kIdempotencyRetentionMs = 48LL * 3600 * 1000;
std::int64_t prune_idempotency_keys(Context& ctx);

}  // namespace gatepass::app
