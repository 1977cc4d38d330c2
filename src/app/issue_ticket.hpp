#pragma once
// Issuing a ticket is shared by approval and by registrations for events without approval.
#include "app/audit.hpp"
#include "app/context.hpp"

namespace gatepass::app {

// Inside the caller's write transaction, after the registration became `approved`: signs the QR
// payload for `number` (taken before the transaction from ctx.numbers; nullopt: the event is at
// capacity, 409) and stores the ticket. Exactly one ticket per registration (unique index as the
// last guard).
TicketView issue_ticket(Context& ctx, store::Connection& c, const Registration& reg, const Actor& actor, Millis now,
                        std::optional<std::int64_t> number);

}  // namespace gatepass::app
