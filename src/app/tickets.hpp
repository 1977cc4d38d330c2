#pragma once
#include "app/context.hpp"
#include "app/ticket_pdf.hpp"

namespace gatepass::app {
// A ticket by its human serial (admin views, QR downloads). Throws not_found.
TicketView find_ticket(Context& ctx, const std::string& serial);

// Revokes a ticket for good (admin): the gate refuses it from now on with ticket_not_valid.
// One conditional write decides (domain/ticket_state); a ticket already void or refunded gets
// 409 ticket_not_valid. The reason (required) is stored and audited.
TicketView void_ticket(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason);

// The printable PDF of a ticket (event, venue, time, holder, serial, QR). Throws not_found.
std::string ticket_pdf(Context& ctx, const std::string& serial, Paper paper);
}  // namespace gatepass::app
