#pragma once
// What a scanned code names and whether it is the ticket's current code: shared by the online
// gate (app/checkin) and the offline upload (app/offline_sync).
#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/ticket_token.hpp"

namespace gatepass::app {

// Audit reason of a genuine code that is not the ticket's current one.
inline constexpr const char* kSuperseded = "superseded_code";
// Audit reason of a typed serial that names no ticket (answered 404 unknown_serial, not invalid).
inline constexpr const char* kUnknownSerial = "unknown_serial";

// What a code names, decided from its text alone (no I/O): a signed payload's (event, number)
// claims, or a serial typed by hand (anything that is not a payload: a typed name too).
struct Resolved {
  std::optional<ticket_token::Claims> claims;
  bool typed = false;  // not a payload: looked up as a typed serial (normalised in load)
  std::string reason;  // why it is invalid, for the audit log
  bool valid() const { return claims || typed; }
};
Resolved resolve(const std::string& code);

// Online check of a scanned payload: it must be byte-for-byte the payload this server signed and
// stored for that ticket. That is at least as strong as checking the signature (a forger would
// have to guess the 64-byte signature) and costs no public-key operation on the hot path. The
// signature itself is what OFFLINE scanners check; here it is only used to explain rejections.
// Sets `reason` to unknown_ticket when nothing matches (and it was empty).
// A typed serial is normalised first (domain/serial: spaces, case, dash, padding, and with
// `gate_event` that event's prefix: one primary-key read, on this branch only); when it names no
// ticket, `reason` is kUnknownSerial.
std::optional<TicketView> load(store::Connection& c, const Resolved& r, const std::string& code, std::string& reason,
                               std::optional<Id> gate_event = std::nullopt);

// Cold path: why did a well-formed payload not match? unknown_key, bad_signature, or kSuperseded.
std::string explain_rejected_payload(Context& ctx, store::Connection& c, const std::string& code,
                                     const ticket_token::Claims& claims);

}  // namespace gatepass::app
