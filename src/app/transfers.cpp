#include "app/transfers.hpp"

#include "app/accounts/email_verification.hpp"
#include "app/holders.hpp"
#include "app/outbox.hpp"
#include "app/ticket_change.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ownership.hpp"
#include "domain/time.hpp"
#include "domain/ticket_token.hpp"
#include "domain/validation.hpp"
#include "store/outbox_repo.hpp"
#include "store/requests_repo.hpp"
#include "store/ticket_events_repo.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace {
namespace v = validation;

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

Transfer transfer_or_404(store::Connection& c, Id id) {
  auto x = store::transfers::find(c, id);
  if (!x) throw Error(ErrorCode::not_found, "No transfer with id " + std::to_string(id));
  return *x;
}

User me_or_401(store::Connection& c, const Principal& me) {
  auto u = store::users::find_by_id(c, me.user_id);
  if (!u) throw Error(ErrorCode::unauthenticated, "Your account no longer exists");
  return *u;
}

// Addressed to this account: by id, or by its email before the account was named. An address
// counts only once the account verified it (docs/accounts.md).
bool addressed_to(const Transfer& x, const User& u) {
  if (x.to_user_id) return *x.to_user_id == u.id;
  return x.to_email && u.email && u.email_verified() && *x.to_email == lower(*u.email);
}

// Offers per ticket and per sender in the last 24 hours (cancelled ones too: offer -> cancel ->
// offer must not mail a stranger without end).
void check_offer_limits(Context& ctx, store::Connection& c, Id ticket_id, Id sender, Millis now) {
  const Millis since = now - 24 * 3600'000LL;
  const auto limit = ctx.config.transfer_offers_per_day;
  if (store::transfers::count_offers_since(c, ticket_id, std::nullopt, since) >= limit ||
      store::transfers::count_offers_since(c, std::nullopt, sender, since) >= limit)
    throw Error(ErrorCode::too_many_requests, "Too many transfer offers today (at most " + std::to_string(limit) +
                                                  " a day per ticket and per account); try again tomorrow")
        .retry_after_ms(3600'000);
}

// A transfer made by email never shows holders the account behind the address.
Transfer as_seen_by_holder(Transfer x) {
  if (x.to_email) x.to_username.reset();
  return x;
}

std::vector<Transfer> as_seen_by_holder(std::vector<Transfer> xs) {
  for (auto& x : xs) x = as_seen_by_holder(std::move(x));
  return xs;
}

[[noreturn]] void already_decided(store::Connection& c, Id id) {
  throw Error(ErrorCode::conflict, "This transfer is " + std::string(to_string(transfer_or_404(c, id).status)) + " already");
}

void audit_transfer(store::Connection& c, const Principal& by, const char* action, const Transfer& x, Millis now) {
  AuditRecord rec{action, "transfer", std::to_string(x.id), x.event_id, {}};
  rec.details["serial"] = x.serial;
  record_audit(c, Actor::of(by), rec, now);
}
}  // namespace

Transfer create_transfer(Context& ctx, const Principal& me, const TransferInput& in) {
  FieldErrors errors;
  if (in.to_username.has_value() == in.to_email.has_value())
    errors.add(in.to_username ? "to_email" : "to_username", "give exactly one of to_username and to_email");
  std::optional<std::string> email;
  if (in.to_email) {
    email = lower(v::trim(*in.to_email));
    if (auto e = v::check_email(*email)) errors.add("to_email", *e);
  }
  if (in.to_username && in.to_username->size() > 64) errors.add("to_username", "is too long");
  if (in.notes)
    if (auto e = v::check_text(*in.notes, 1000, false)) errors.add("notes", *e);
  errors.throw_if_any();

  Transfer out;
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) {
      // One change of this ticket at a time: the pending checks below read other tables.
      store::tickets::lock_for_change(c, in.serial);
      const auto t = held_ticket_or_404(c, me, in.serial, now);
      require_allowed(t.ticket.status, ticket_state::Action::transfer);
      if (const auto until = ownership::cooling_off_until(t.ticket.claimed_at, ctx.config.claim_cooling_off_ms, now))
        throw Error(ErrorCode::cooling_off,
                    "This ticket was claimed recently; it can be sent on from " + format_iso8601(*until) +
                        " (or ask the organiser)",
                    {{"until", format_iso8601(*until)}});
      check_offer_limits(ctx, c, t.ticket.id, me.user_id, now);
      if (store::refunds::pending_for(c, t.ticket.id))
        throw Error(ErrorCode::refund_open, "A refund of this ticket is pending; cancel it before sending the ticket");
      if (store::transfers::pending_for(c, t.ticket.id))
        throw Error(ErrorCode::transfer_open, "A transfer of this ticket is already pending; cancel it first");
      std::optional<User> to;
      if (in.to_username) to = store::users::find_by_username(c, store::users::Namespace::holder, *in.to_username);
      else to = store::users::find_verified_attendee_by_email(c, *email);
      if (in.to_username && (!to || to->role != Role::attendee || !to->active))
        throw Error(ErrorCode::validation, "Unknown recipient", {{"to_username", "is not a ticket holder's account"}});
      if (to && to->id == me.user_id)
        throw Error(ErrorCode::validation, "You hold this ticket already", {{in.to_username ? "to_username" : "to_email", "is you"}});
      Transfer x;
      x.ticket_id = t.ticket.id;
      x.event_id = t.ticket.event_id;
      x.from_user_id = me.user_id;
      if (to) x.to_user_id = to->id;
      x.to_email = email;
      x.notes = in.notes ? std::optional(v::trim(*in.notes)) : std::nullopt;
      x.created_at = now;
      x.id = store::transfers::insert(c, x);
      TicketChange ch{"transfer_offered", me.username, in.to_username ? to->username : *email, std::nullopt, std::nullopt, {}};
      ch.details["transfer_id"] = x.id;
      record_ticket_change(c, Actor::of(me), t, ch, now);
      // No sender-chosen text goes out (no username, no notes: those are shown in the app after
      // sign-in), and one offer mail per recipient address an hour.
      const std::string to_address = to && to->email ? *to->email : email.value_or("");
      if (!to_address.empty() && store::outbox::count_to_since(c, "transfer_offered", to_address, now - 3600'000) == 0)
        queue_mail(c, "transfer_offered", to_address, "", t.ticket.event_id, t.ticket.id,
                   {{"serial", t.ticket.serial}, {"app_url", ctx.config.mail.public_url + "/my"}}, now);
      out = as_seen_by_holder(transfer_or_404(c, x.id));
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::transfer_open, "A transfer of this ticket is already pending; cancel it first");
  }
  return out;
}

Accepted accept_transfer(Context& ctx, const Principal& me, Id id) {
  Accepted out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto x = transfer_or_404(c, id);
    const auto account = me_or_401(c, me);
    if (!addressed_to(x, account)) throw Error(ErrorCode::not_found, "No transfer with id " + std::to_string(id));
    if (x.status != RequestStatus::pending) already_decided(c, id);
    accounts::require_verified(account);
    // One change of this ticket at a time: the refund check below reads another table.
    store::tickets::lock_for_change(c, x.ticket_id);
    const auto t = *store::tickets::find_by_id(c, x.ticket_id);
    if (t.ticket.holder_user_id != x.from_user_id)
      throw Error(ErrorCode::conflict, "The sender no longer holds this ticket");
    require_allowed(t.ticket.status, ticket_state::Action::transfer);
    if (store::refunds::pending_for(c, t.ticket.id))
      throw Error(ErrorCode::refund_open, "A refund of this ticket is pending; the sender must cancel it first");

    // A new code for the same ticket: same event and number, fresh nonce, current key.
    const auto key = ctx.keys.signing_key(c, t.ticket.event_id);
    ticket_token::Claims claims{static_cast<std::uint32_t>(key.key_id), static_cast<std::uint32_t>(t.ticket.event_id),
                                static_cast<std::uint64_t>(t.ticket.number), crypto::random_u32()};
    const std::string payload = ticket_token::sign(claims, key.secret);
    const store::tickets::Holder holder{account.display_name.value_or(account.username), account.email.value_or(""),
                                        account.id};
    const auto old_code = t.ticket.code_id;
    if (store::tickets::replace_holder_and_code(c, t.ticket.id, old_code, holder, payload) != 1)
      throw_refusal(c, t.ticket.id, ticket_state::Action::transfer);
    store::ticket_events::revoke_code(c, t.ticket.id, old_code, t.ticket.event_id, t.ticket.qr_payload, "transferred", now);
    if (store::transfers::decide(c, id, RequestStatus::accepted, account.id, now, old_code, old_code + 1) != 1)
      already_decided(c, id);
    TicketChange ch{"transferred", x.from_username, account.username, old_code, old_code + 1, {}};
    ch.details["transfer_id"] = id;
    record_ticket_change(c, Actor::of(me), t, ch, now);
    out.transfer = transfer_or_404(c, id);
    out.ticket = *store::tickets::find_by_id(c, t.ticket.id);
    // The new holder gets the ticket with its new code; links to the old code stop working.
    queue_ticket_mail(ctx, c, "transfer_accepted", out.ticket, {{"from_username", x.from_username}}, now);
  });
  return out;
}

Transfer reject_transfer(Context& ctx, const Principal& me, Id id) {
  Transfer out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto x = transfer_or_404(c, id);
    if (!addressed_to(x, me_or_401(c, me))) throw Error(ErrorCode::not_found, "No transfer with id " + std::to_string(id));
    if (store::transfers::decide(c, id, RequestStatus::rejected, std::nullopt, now) != 1) already_decided(c, id);
    out = transfer_or_404(c, id);
    audit_transfer(c, me, "transfer.reject", out, now);
  });
  return out;
}

Transfer cancel_transfer(Context& ctx, const Principal& me, Id id) {
  Transfer out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto x = transfer_or_404(c, id);
    if (x.from_user_id != me.user_id) throw Error(ErrorCode::not_found, "No transfer with id " + std::to_string(id));
    if (store::transfers::decide(c, id, RequestStatus::cancelled, std::nullopt, now) != 1) already_decided(c, id);
    out = transfer_or_404(c, id);
    audit_transfer(c, me, "transfer.cancel", out, now);
  });
  return out;
}

std::vector<Transfer> pending_transfers_to(Context& ctx, const Principal& me) {
  std::vector<Transfer> out;
  ctx.db.read([&](store::Connection& c) {
    const auto u = me_or_401(c, me);
    store::transfers::Filter f;
    f.status = RequestStatus::pending;
    f.to_user = u.id;
    f.to_email = u.email && u.email_verified() ? std::optional(lower(*u.email)) : std::nullopt;
    out = as_seen_by_holder(store::transfers::list(c, f, 200, 0));
  });
  return out;
}

std::vector<Transfer> my_transfers(Context& ctx, const Principal& me) {
  std::vector<Transfer> out;
  ctx.db.read([&](store::Connection& c) {
    const auto u = me_or_401(c, me);
    store::transfers::Filter f;
    f.involving_user = u.id;
    f.to_email = u.email && u.email_verified() ? std::optional(lower(*u.email)) : std::nullopt;
    out = as_seen_by_holder(store::transfers::list(c, f, 200, 0));
  });
  return out;
}

std::vector<Transfer> list_transfers(Context& ctx, std::optional<RequestStatus> status, const PageRequest& page) {
  std::vector<Transfer> out;
  ctx.db.read_one([&](store::Connection& c) {
    store::transfers::Filter f;
    f.status = status;
    out = store::transfers::list(c, f, page.limit, page.offset);
  });
  return out;
}

}  // namespace gatepass::app
