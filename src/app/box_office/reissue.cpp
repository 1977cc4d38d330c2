#include "app/box_office/reissue.hpp"

#include "app/holders.hpp"
#include "app/outbox.hpp"
#include "app/ticket_change.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/ticket_token.hpp"
#include "domain/validation.hpp"
#include "store/ticket_events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
std::optional<std::string> checked_reason(const std::optional<std::string>& reason, bool required) {
  if (!reason && !required) return std::nullopt;
  if (auto e = validation::check_text(reason.value_or(""), 500, true))
    throw Error(ErrorCode::validation, "Bad reason", {{"reason", *e}});
  return validation::trim(*reason);
}
}  // namespace

TicketView reissue_ticket(Context& ctx, const Principal& by, const std::string& serial,
                          const std::optional<std::string>& reason) {
  const bool admin = by.role == Role::admin;
  const auto why = checked_reason(reason, admin);
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto t = admin ? ticket_or_404(c, serial) : held_ticket_or_404(c, by, serial, now);
    // Status unchanged, new code: allowed exactly where a transfer is (a valid ticket).
    require_allowed(t.ticket.status, ticket_state::Action::transfer);
    const auto key = ctx.keys.signing_key(c, t.ticket.event_id);
    ticket_token::Claims claims{static_cast<std::uint32_t>(key.key_id), static_cast<std::uint32_t>(t.ticket.event_id),
                                static_cast<std::uint64_t>(t.ticket.number), crypto::random_u32()};
    const auto old_code = t.ticket.code_id;
    if (store::tickets::replace_code(c, t.ticket.id, old_code, ticket_token::sign(claims, key.secret)) != 1)
      throw_refusal(c, t.ticket.id, ticket_state::Action::transfer);
    store::ticket_events::revoke_code(c, t.ticket.id, old_code, t.ticket.event_id, t.ticket.qr_payload, "reissued", now);
    TicketChange ch{"reissued", std::nullopt, std::nullopt, old_code, old_code + 1, {}};
    if (why) ch.details["reason"] = *why;
    ch.details["by_holder"] = !admin;
    record_ticket_change(c, Actor::of(by), t, ch, now);
    out = *store::tickets::find_by_id(c, t.ticket.id);
    // Links follow the code: the old ones are dead, the mail carries a new one.
    queue_ticket_mail(ctx, c, "ticket_reissued", out, {}, now);
  });
  return out;
}

TicketView allow_transfer(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason) {
  const auto why = checked_reason(reason, true);
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    store::tickets::lift_cooling_off(c, t.ticket.id);
    TicketChange ch{"transfer_allowed", std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
    ch.details["reason"] = *why;
    record_ticket_change(c, Actor::of(by), t, ch, now);
    out = *store::tickets::find_by_id(c, t.ticket.id);
  });
  return out;
}

}  // namespace gatepass::app
