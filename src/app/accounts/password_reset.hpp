#pragma once
// Password reset by mail, for holders and staff (docs/accounts.md). The request answers the same
// whether or not an account has the address; the link works once, for 30 minutes, and setting the
// password ends every session of the account.
#include "app/context.hpp"

namespace gatepass::app::accounts {

// 400 only for a malformed address; otherwise queues at most 3 mails per account per hour.
void request_password_reset(Context& ctx, const std::string& email);
// 400 naming `password` for a weak one (the link stays usable); 404 invalid for a bad link.
void confirm_password_reset(Context& ctx, const std::string& token, const std::string& password);

}  // namespace gatepass::app::accounts
