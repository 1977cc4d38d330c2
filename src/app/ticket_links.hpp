#pragma once
// A holder's ticket page without an account: the mail carries /t/<token>, a random 256-bit
// secret after its creation time, of which only a hash is stored (domain/link_token.hpp). It shows the ticket while the link is not revoked
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
// Admin (box office, or mail not set up): a new link to a sold or used ticket's page, to copy and
// hand over (audited). Earlier links keep working: one may sit in a queued mail that goes out once
// mail is set up, or be in the buyer's hands already; revoking is its own action (below). At most
// kLinksPerTicketHour links per ticket an hour (every kind counts): 429 beyond.
struct IssuedLink {
  std::string serial;
  std::string url;
};
inline constexpr std::int64_t kLinksPerTicketHour = 20;
IssuedLink issue_ticket_link(Context& ctx, const Principal& by, const std::string& serial);
// Admin: every link of the ticket stops working (audited). Returns how many were revoked.
std::int64_t revoke_ticket_links(Context& ctx, const Principal& by, const std::string& serial);

}  // namespace gatepass::app
