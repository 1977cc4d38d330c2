#pragma once
// Issuing a ticket is shared by approval and by registrations for events without approval.
#include "app/audit.hpp"
#include "app/context.hpp"

namespace gatepass::app {

// Inside the caller's write transaction, after the registration became `approved`: takes the next
// number of the event (fails with 409 when the event is at capacity), signs the QR payload and
// stores the ticket. Exactly one ticket per registration (unique index as the last guard).
TicketView issue_ticket(Context& ctx, store::Connection& c, const Registration& reg, const Actor& actor, Millis now);

}  // namespace gatepass::app
