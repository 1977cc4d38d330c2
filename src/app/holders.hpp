#pragma once
// Ticket holders' own accounts (role attendee): sign up, see their tickets, claim one by its code.
// An attendee reaches only rows tied to their own user id; nothing here takes another user's id.
#include <vector>

#include "app/auth.hpp"
#include "app/context.hpp"

namespace gatepass::app {

struct Signup {
  std::string username;
  std::string password;
  std::string email;
  std::string name;
};
// Creates the account and logs it in. 409 when the username or the email is taken.
LoginResult register_attendee(Context& ctx, const Signup& in);

std::vector<TicketView> my_tickets(Context& ctx, const Principal& me);
// Possession of the ticket's current QR payload is the proof. Does not change the code.
// 404 invalid for an unknown or replaced code; 409 already_claimed when another account holds it.
TicketView claim_ticket(Context& ctx, const Principal& me, const std::string& code);

}  // namespace gatepass::app
