#include "app/accounts/email_verification.hpp"

#include "app/accounts/account_tokens.hpp"
#include "app/audit.hpp"
#include "app/outbox.hpp"
#include "domain/error.hpp"
#include "store/outbox_repo.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app::accounts {

namespace {
constexpr std::int64_t kMailsPerHour = 3;
}

void queue_verification(Context& ctx, store::Connection& c, const User& account, Millis now) {
  if (!account.email) return;
  const std::string name = account.display_name.value_or(account.username);
  const auto owner = store::users::find_verified_attendee_by_email(c, *account.email);
  if (owner && owner->id != account.id) {
    // Says nothing to the person signing up; tells the address's owner, who may not have done it,
    // at most once an hour however many sign-ups give the address.
    if (store::outbox::count_to_since(c, "account_exists", *account.email, now - 3600'000) > 0) return;
    queue_mail(c, "account_exists", *account.email, owner->display_name.value_or(""), std::nullopt, std::nullopt,
               {{"app_url", ctx.config.mail.public_url + "/my/login"},
                {"reset_url", ctx.config.mail.public_url + "/my/forgot-password"}},
               now, nullptr, owner->locale);
    return;
  }
  const auto token = issue_token(c, TokenPurpose::verify_email, account.id, *account.email, now);
  queue_mail(c, "verify_email", *account.email, name, std::nullopt, std::nullopt,
             {{"verify_url", ctx.config.mail.public_url + "/my/verify-email#token=" + token}, {"username", account.username}},
             now, nullptr, account.locale);
}

Verified verify_email(Context& ctx, const std::string& token) {
  Verified out;
  const Millis now = ctx.now();
  Id user_id = 0;
  try {
    ctx.db.write([&](store::Connection& c) {
      const auto row = redeem_token(c, TokenPurpose::verify_email, token, now);
      if (!row) throw Error(ErrorCode::invalid_ticket, "This link is not valid (any more); ask for a new one");
      const auto owner = store::users::find_verified_attendee_by_email(c, row->email);
      if (owner && owner->id != row->user_id)
        throw Error(ErrorCode::email_taken, "Another account verified this address first");
      // Exactly the address the link was sent to: a changed address is not verified by an old link.
      if (store::users::mark_email_verified(c, row->user_id, row->email, now) != 1)
        throw Error(ErrorCode::invalid_ticket, "This link is not valid (any more); ask for a new one");
      const auto account = *store::users::find_by_id(c, row->user_id);
      const auto released = store::users::release_unverified_email(c, row->email, account.id, now);
      out.username = account.username;
      out.tickets_attached = store::tickets::attach_bought_with(c, account.id, row->email);
      user_id = account.id;
      AuditRecord rec{"user.verify_email", "user", std::to_string(account.id), std::nullopt, {}};
      rec.details["tickets_attached"] = out.tickets_attached;
      rec.details["released_from_accounts"] = released;
      record_audit(c, Actor{account.id, account.username}, rec, now);
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::email_taken, "Another account verified this address first");
  }
  ctx.users.invalidate(user_id);
  return out;
}

void resend_verification(Context& ctx, const Principal& me) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto account = store::users::find_by_id(c, me.user_id);
    if (!account || !account->email)
      throw Error(ErrorCode::conflict, "Your account has no email address to verify");
    if (account->email_verified()) throw Error(ErrorCode::conflict, "Your email address is verified already");
    if (sent_in_last_hour(c, TokenPurpose::verify_email, account->id, now) >= kMailsPerHour)
      throw Error(ErrorCode::too_many_requests, "A link was sent several times in the last hour; check your inbox or "
                                                "try again later")
          .retry_after_ms(3600'000);
    queue_verification(ctx, c, *account, now);
  });
}

User account_of(Context& ctx, const Principal& me) {
  std::optional<User> u;
  ctx.db.read_one([&](store::Connection& c) { u = store::users::find_by_id(c, me.user_id); });
  if (!u) throw Error(ErrorCode::unauthenticated, "Your account no longer exists");
  return *u;
}

void require_verified(const User& account) {
  if (account.role == Role::attendee && !account.email_verified())
    throw Error(ErrorCode::email_unverified, "Verify your email address first: follow the link we mailed you");
}

}  // namespace gatepass::app::accounts
