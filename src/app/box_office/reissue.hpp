#pragma once
// A new code for a ticket whose QR leaked (docs/accounts.md): same serial and number, code_id + 1.
// The old code answers `superseded` at the gate and goes to the offline pack's replaced codes;
// links made for it stop working; the holder is mailed the ticket with a fresh link.
#include "app/context.hpp"

namespace gatepass::app {

// Admin (reason required) or the holder of the ticket (reason optional; 404 for others' tickets).
TicketView reissue_ticket(Context& ctx, const Principal& by, const std::string& serial,
                          const std::optional<std::string>& reason);

// Admin: a claimed ticket may be transferred at once (ends its cooling-off; reason required).
TicketView allow_transfer(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason);

}  // namespace gatepass::app
