#pragma once
// Ticket holders' own accounts (role attendee): sign up, see their tickets, take one into the
// account. An attendee reaches only rows tied to their own user id; nothing here takes another
// user's id. The QR text admits at the gate; it proves no ownership (docs/accounts.md): a claim
// needs the claim code printed beside the QR, or the holder link from the ticket mail.
#include <vector>

#include "app/auth.hpp"
#include "app/context.hpp"

namespace gatepass::app {

struct Signup {
  std::string username;
  std::string password;
  std::string email;
  std::string name;
  // Issue 24: the body's `locale`, else Accept-Language; stored (nullopt: neither matched a
  // shipped language, and the account's mails use each event's default).
  std::optional<std::string> locale;
  std::optional<std::string> accept_language;
};
// Creates the account (email unverified; a verification mail is queued) and logs it in. 409 only
// when another *holder* has the username: staff usernames are another namespace.
LoginResult register_attendee(Context& ctx, const Signup& in);

// Tickets attached to the account, and (verified address only) the unheld ones bought with it;
// inside the caller's read (app/box_office/my_tickets.hpp adds what the holder's cards show).
std::vector<TicketView> my_tickets(store::Connection& c, const Principal& me);

// The claim code printed beside a ticket's QR (ownership::claim_code under the server's key).
std::string claim_code_of(const Context& ctx, const TicketView& t);
std::string claim_code_of(const Context& ctx, Id ticket_id, std::int64_t code_id, const std::string& serial);

// By the claim code (and, if given, the current QR text too). 403 email_unverified, 404 invalid,
// 409 already_claimed. Mails the purchaser; starts the transfer cooling-off.
TicketView claim_ticket(Context& ctx, const Principal& me, const std::string& claim_code,
                        const std::optional<std::string>& code);
// By the holder link from the ticket mail (/t/<token>); the same rules.
TicketView claim_by_link(Context& ctx, const Principal& me, const std::string& token);

// Read only: the ticket if `me` holds it or (verified address) bought it unheld; not_found otherwise.
TicketView my_ticket(Context& ctx, const Principal& me, const std::string& serial);

// Inside a transaction: the ticket if `me` holds it, attaching an unheld ticket bought with the
// caller's verified address first; not_found otherwise (says nothing about other people's tickets).
TicketView held_ticket_or_404(store::Connection& c, const Principal& me, const std::string& serial, Millis now);

}  // namespace gatepass::app
