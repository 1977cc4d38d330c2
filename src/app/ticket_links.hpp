#pragma once
// A holder's ticket page without an account: the mail carries /t/<token>, a random 256-bit
// token of which only the SHA-256 is stored. It shows the ticket while the link is not revoked
// and the ticket still has the code the link was made for: a transfer rotates it away.
#include "app/context.hpp"

namespace gatepass::app {

// Inside the caller's transaction: a new token for the ticket's current code.
std::string create_ticket_link(store::Connection& c, const TicketView& t, Millis now);
// Inside the caller's transaction: the ticket behind a token, if the link is known, not revoked and
// the ticket still has the code the link was made for (a transfer or re-issue rotates it away).
std::optional<TicketView> find_linked_ticket(store::Connection& c, const std::string& token);
// The ticket behind a token; not_found for unknown, revoked or rotated links (one answer for all).
TicketView ticket_by_link(Context& ctx, const std::string& token);
// Admin: every link of the ticket stops working (audited). Returns how many were revoked.
std::int64_t revoke_ticket_links(Context& ctx, const Principal& by, const std::string& serial);

}  // namespace gatepass::app
