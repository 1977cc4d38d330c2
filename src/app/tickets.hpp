#pragma once
#include "app/context.hpp"
#include "app/ticket_pdf.hpp"
#include "domain/box_office.hpp"
#include "store/page.hpp"
#include "store/tickets_repo.hpp"

#include <functional>

namespace gatepass::app {
// A ticket by its human serial (admin views, QR downloads). Throws not_found.
TicketView find_ticket(Context& ctx, const std::string& serial);

// Revokes a ticket for good (admin): the gate refuses it from now on with 409 `void`.
// One conditional write decides (domain/ticket_state); a ticket already void or refunded gets
// that state's code. The reason (required) is stored, audited and in the ticket's history.
TicketView void_ticket(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason);

store::Page<TicketView> list_event_tickets(Context& ctx, const store::tickets::Filter& f, const PageRequest& page);

struct TicketHistory {
  TicketView ticket;
  std::vector<TicketEvent> events;
};
TicketHistory ticket_history(Context& ctx, const std::string& serial);

// A generation batch as CSV (serial,payload), streamed to `write` in pages. not_found.
void export_batch_csv(Context& ctx, Id batch_id, const std::function<void(std::string_view)>& write);
// Tickets offset..offset+limit of a batch, with the claim code to print beside each QR (sheets).
std::vector<SheetTicket> batch_page(Context& ctx, Id batch_id, std::int64_t offset, std::int64_t limit);

// The printable PDF of exactly this ticket row (the one the caller authorised: no second read of
// the ticket), with the event, venue, time, holder, serial, QR and, while unheld, the claim code.
// In `locale` (the ?locale= asked for) when shipped, else the ticket's stored language (its
// registration's, sale's or holder account's), else the event's default_locale (issue 24).
std::string ticket_pdf(Context& ctx, const TicketView& t, Paper paper, const std::optional<std::string>& locale = std::nullopt);
}  // namespace gatepass::app
