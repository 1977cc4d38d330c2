#include "app/holders.hpp"

#include "app/ticket_change.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ticket_token.hpp"
#include "domain/validation.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace v = validation;

LoginResult register_attendee(Context& ctx, const Signup& in) {
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
  u.password_hash = ctx.password_slots.run([&] { return crypto::hash_password(in.password); });
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    // Checked first (a failed INSERT would abort a PostgreSQL transaction); the unique indexes
    // still decide a race, as a 409 below.
    if (store::users::find_by_username(c, store::users::Namespace::holder, u.username))
      throw Error(ErrorCode::conflict, "That username is taken", {{"username", "is already taken"}});
    u.id = store::users::insert(c, u, now);
    AuditRecord rec{"user.signup", "user", std::to_string(u.id), std::nullopt, {}};
    rec.details["username"] = u.username;
    record_audit(c, Actor{u.id, u.username}, rec, now);
  });
  u.created_at = now;
  return {ctx.tokens.issue(u.id, u.username, u.role, u.token_version, now), ctx.tokens.ttl_ms(), u};
}

std::vector<TicketView> my_tickets(Context& ctx, const Principal& me) {
  std::vector<TicketView> out;
  ctx.db.read_one([&](store::Connection& c) { out = store::tickets::held_by(c, me.user_id); });
  return out;
}

TicketView claim_ticket(Context& ctx, const Principal& me, const std::string& pasted) {
  // Pasted from a CSV line or a mail: surrounding spaces and line breaks are not part of the code.
  const std::string code = validation::trim(pasted);
  const auto claims = code.size() <= 512 ? ticket_token::peek(code) : std::nullopt;
  if (!claims) throw Error(ErrorCode::validation, "That is not a ticket code", {{"code", "paste the text of the ticket's QR code"}});
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    auto t = store::tickets::find_by_number(c, claims->event_id, static_cast<std::int64_t>(claims->ticket_number));
    // Only the current code proves possession: a replaced (transferred) code claims nothing.
    if (!t || !crypto::constant_time_equal(t->ticket.qr_payload, code))
      throw Error(ErrorCode::invalid_ticket, "Unknown or replaced ticket code");
    if (t->ticket.holder_user_id == me.user_id) {
      out = *t;  // claimed before: nothing changes
      return;
    }
    if (t->ticket.holder_user_id) throw Error(ErrorCode::already_claimed, "Another account holds this ticket");
    require_allowed(t->ticket.status, ticket_state::Action::claim);
    const auto account = store::users::find_by_id(c, me.user_id);
    const store::tickets::Holder holder{account->display_name.value_or(me.username), account->email.value_or(""), me.user_id};
    if (store::tickets::set_holder_if_unheld(c, t->ticket.id, holder) != 1) {
      const auto now_held = store::tickets::find_by_id(c, t->ticket.id);
      if (now_held && now_held->ticket.holder_user_id) throw Error(ErrorCode::already_claimed, "Another account holds this ticket");
      throw_refusal(c, t->ticket.id, ticket_state::Action::claim);
    }
    record_ticket_change(c, Actor::of(me), *t, {"claimed", holder_label(*t), me.username, std::nullopt, std::nullopt, {}}, now);
    out = *store::tickets::find_by_id(c, t->ticket.id);
  });
  return out;
}

}  // namespace gatepass::app
