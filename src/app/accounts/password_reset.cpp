#include "app/accounts/password_reset.hpp"

#include "app/accounts/account_tokens.hpp"
#include "app/audit.hpp"
#include "app/outbox.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app::accounts {

namespace {
constexpr std::int64_t kMailsPerHour = 3;
}

void request_password_reset(Context& ctx, const std::string& typed) {
  const std::string email = validation::trim(typed);
  if (auto e = validation::check_email(email)) throw Error(ErrorCode::validation, "Bad email", {{"email", *e}});
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    for (const auto& account : store::users::find_active_by_email(c, email)) {
      // A holder's address counts once verified; staff addresses are set by an admin.
      if (account.role == Role::attendee && !account.email_verified()) continue;
      if (sent_in_last_hour(c, TokenPurpose::password_reset, account.id, now) >= kMailsPerHour) continue;
      const auto token = issue_token(c, TokenPurpose::password_reset, account.id, *account.email, now);
      const std::string page = account.role == Role::attendee ? "/my" : "/admin";
      queue_mail(c, "password_reset", *account.email, account.display_name.value_or(account.username), std::nullopt,
                 std::nullopt,
                 {{"reset_url", ctx.config.mail.public_url + page + "/reset-password#token=" + token},
                  {"username", account.username}},
                 now);
      AuditRecord rec{"user.password_reset_requested", "user", std::to_string(account.id), std::nullopt, {}};
      record_audit(c, Actor::anonymous(), rec, now);
    }
  });
}

void confirm_password_reset(Context& ctx, const std::string& token, const std::string& password) {
  if (auto e = validation::check_password(password)) throw Error(ErrorCode::validation, "Weak password", {{"password", *e}});
  const auto hash = ctx.password_slots.run([&] { return crypto::hash_password(password); });
  const Millis now = ctx.now();
  Id user_id = 0;
  ctx.db.write([&](store::Connection& c) {
    const auto row = redeem_token(c, TokenPurpose::password_reset, token, now);
    if (!row) throw Error(ErrorCode::invalid_ticket, "This link is not valid (any more); ask for a new one");
    const auto account = store::users::find_by_id(c, row->user_id);
    if (!account || !account->active) throw Error(ErrorCode::invalid_ticket, "This link is not valid (any more)");
    // New credentials end every session issued before (tokens carry the version).
    store::users::set_password(c, account->id, hash, now);
    user_id = account->id;
    AuditRecord rec{"user.password_reset", "user", std::to_string(account->id), std::nullopt, {}};
    rec.details["sessions_ended"] = true;
    record_audit(c, Actor{account->id, account->username}, rec, now);
  });
  ctx.users.invalidate(user_id);
}

}  // namespace gatepass::app::accounts
