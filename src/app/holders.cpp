#include "app/holders.hpp"

#include "domain/locale.hpp"

#include "app/accounts/email_verification.hpp"
#include "app/accounts/holder_sessions.hpp"
#include "app/outbox.hpp"
#include "app/ticket_links.hpp"
#include "app/ticket_change.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ownership.hpp"
#include "domain/time.hpp"
#include "domain/validation.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace v = validation;

namespace {
std::vector<std::uint8_t> claim_key(const Context& ctx) { return crypto::derive_key(ctx.config.secret_key, "claim-code"); }

bool same_address(const std::string& a, const std::string& b) {
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

User verified_account(store::Connection& c, const Principal& me) {
  const auto account = store::users::find_by_id(c, me.user_id);
  if (!account) throw Error(ErrorCode::unauthenticated, "Your account no longer exists");
  accounts::require_verified(*account);
  return *account;
}

// The claim itself, once the secret (claim code or link) was checked against `t` in this transaction.
TicketView claim(Context& ctx, store::Connection& c, const Principal& me, const User& account, const TicketView& t,
                 const char* via, Millis now) {
  if (t.ticket.holder_user_id == me.user_id) return t;  // claimed before: nothing changes
  if (t.ticket.holder_user_id) throw Error(ErrorCode::already_claimed, "Another account holds this ticket");
  require_allowed(t.ticket.status, ticket_state::Action::claim);
  const store::tickets::Holder holder{account.display_name.value_or(me.username), account.email.value_or(""), me.user_id};
  // The purchaser's own address needs no cooling-off: it is their ticket.
  const bool purchaser = account.email && same_address(*account.email, t.purchaser_email);
  if (store::tickets::set_holder_if_unheld(c, t.ticket.id, t.ticket.code_id, holder,
                                           purchaser ? std::nullopt : std::optional(now)) != 1) {
    const auto now_held = store::tickets::find_by_id(c, t.ticket.id);
    // Transferred meanwhile (on PostgreSQL, after this transaction read the ticket): the secret
    // was for the replaced code, so it gets the answer a replaced code gets.
    if (now_held && now_held->ticket.code_id != t.ticket.code_id) throw Error(ErrorCode::invalid_ticket, "Unknown claim code");
    if (now_held && now_held->ticket.holder_user_id) throw Error(ErrorCode::already_claimed, "Another account holds this ticket");
    throw_refusal(c, t.ticket.id, ticket_state::Action::claim);
  }
  TicketChange ch{"claimed", holder_label(t), me.username, std::nullopt, std::nullopt, {}};
  ch.details["via"] = via;
  record_ticket_change(c, Actor::of(me), t, ch, now);
  // The purchaser hears of it (and can have the ticket re-issued if it was not them).
  if (!purchaser)
    queue_mail(c, "ticket_claimed", t.purchaser_email, t.purchaser_name, t.ticket.event_id, t.ticket.id,
               {{"serial", t.ticket.serial}, {"claimed_at", format_iso8601(now)}}, now);
  return *store::tickets::find_by_id(c, t.ticket.id);
}
}  // namespace

LoginResult register_attendee(Context& ctx, const Signup& in) {
  // Everything is checked before the (slow) password hash.
  FieldErrors errors;
  if (auto e = v::check_username(in.username)) errors.add("username", *e);
  if (auto e = v::check_password(in.password)) errors.add("password", *e);
  const std::string email = v::trim(in.email);
  if (auto e = v::check_email(email)) errors.add("email", *e);
  if (auto e = v::check_text(in.name, 200, true)) errors.add("name", *e);
  errors.throw_if_any();

  User u;
  u.username = in.username;
  u.role = Role::attendee;
  u.email = email;
  u.display_name = v::trim(in.name);
  if (in.locale) u.locale = locale::match(*in.locale);
  if (!u.locale && in.accept_language) u.locale = locale::from_accept_language(*in.accept_language);
  u.password_hash = ctx.password_slots.run([&] { return crypto::hash_password(in.password); });
  const Millis now = ctx.now();
  std::string refresh_token;
  try {
    ctx.db.write([&](store::Connection& c) {
      // Checked first (a failed INSERT would abort a PostgreSQL transaction); the unique index still
      // decides a race, as a 409 below. Only holders' names count: staff are another namespace.
      if (store::users::find_by_username(c, store::users::Namespace::holder, u.username))
        throw Error(ErrorCode::conflict, "That username is taken", {{"username", "is already taken"}});
      u.id = store::users::insert(c, u, now);
      AuditRecord rec{"user.signup", "user", std::to_string(u.id), std::nullopt, {}};
      rec.details["username"] = u.username;
      record_audit(c, Actor{u.id, u.username}, rec, now);
      accounts::queue_verification(ctx, c, u, now);
      refresh_token = accounts::start_holder_session(c, u, now);  // sign-up answers like a holder's login
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::conflict, "That username is taken", {{"username", "is already taken"}});
  }
  u.created_at = now;
  return {ctx.tokens.issue(u.id, u.username, u.role, u.token_version, now), ctx.tokens.ttl_ms(), u, refresh_token};
}

std::vector<TicketView> my_tickets(store::Connection& c, const Principal& me) {
  auto out = store::tickets::held_by(c, me.user_id);
  const auto account = store::users::find_by_id(c, me.user_id);
  if (account && account->email_verified() && account->email)
    for (auto& t : store::tickets::unheld_bought_with(c, *account->email)) out.push_back(std::move(t));
  return out;
}

std::string claim_code_of(const Context& ctx, const TicketView& t) {
  return claim_code_of(ctx, t.ticket.id, t.ticket.code_id, t.ticket.serial);
}

std::string claim_code_of(const Context& ctx, Id ticket_id, std::int64_t code_id, const std::string& serial) {
  return ownership::claim_code(claim_key(ctx), ticket_id, code_id, serial);
}

TicketView claim_ticket(Context& ctx, const Principal& me, const std::string& typed_claim_code,
                        const std::optional<std::string>& code) {
  const auto typed = ownership::parse_claim_code(typed_claim_code);
  if (!typed)
    throw Error(ErrorCode::validation, "That is not a claim code",
                {{"claim_code", "type the claim code printed beside the QR, like EVT2026-000123-ABCD-EFGH-JKLM"}});
  const auto key = claim_key(ctx);
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto account = verified_account(c, me);
    const auto t = store::tickets::find_by_serial(c, typed->serial);
    // One answer for an unknown serial, a wrong claim code and a replaced QR text.
    if (!t || !ownership::claim_code_matches(key, t->ticket.id, t->ticket.code_id, *typed) ||
        (code && !crypto::constant_time_equal(t->ticket.qr_payload, v::trim(*code))))
      throw Error(ErrorCode::invalid_ticket, "Unknown claim code");
    out = claim(ctx, c, me, account, *t, "claim_code", now);
  });
  return out;
}

TicketView claim_by_link(Context& ctx, const Principal& me, const std::string& token) {
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto account = verified_account(c, me);
    const auto t = find_linked_ticket(c, token);
    if (!t) throw Error(ErrorCode::invalid_ticket, "This ticket link is not valid (any more)");
    out = claim(ctx, c, me, account, *t, "link", now);
  });
  return out;
}

TicketView my_ticket(Context& ctx, const Principal& me, const std::string& serial) {
  std::optional<TicketView> t;
  if (serial.size() <= 40)
    ctx.db.read([&](store::Connection& c) {
      t = store::tickets::find_by_serial(c, serial);
      if (!t || t->ticket.holder_user_id == me.user_id) return;
      const auto account = store::users::find_by_id(c, me.user_id);
      const bool bought = !t->ticket.holder_user_id && account && account->email_verified() && account->email &&
                          same_address(*account->email, t->purchaser_email);
      if (!bought) t.reset();
    });
  if (!t) throw Error(ErrorCode::not_found, "No ticket with this serial");
  return *t;
}

TicketView held_ticket_or_404(store::Connection& c, const Principal& me, const std::string& serial, Millis now) {
  auto t = ticket_or_404(c, serial);
  if (t.ticket.holder_user_id == me.user_id) return t;
  if (!t.ticket.holder_user_id && me.role == Role::attendee) {
    const auto account = store::users::find_by_id(c, me.user_id);
    if (account && account->email_verified() && account->email && same_address(*account->email, t.purchaser_email)) {
      const store::tickets::Holder holder{t.holder_name, t.holder_email, me.user_id};
      if (store::tickets::set_holder_if_unheld(c, t.ticket.id, t.ticket.code_id, holder, std::nullopt) == 1) {
        TicketChange ch{"claimed", holder_label(t), me.username, std::nullopt, std::nullopt, {}};
        ch.details["via"] = "verified_email";
        record_ticket_change(c, Actor::of(me), t, ch, now);
        return *store::tickets::find_by_id(c, t.ticket.id);
      }
    }
  }
  throw Error(ErrorCode::not_found, "No ticket with this serial");
}

}  // namespace gatepass::app
