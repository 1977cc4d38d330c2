#include "app/issue_ticket.hpp"

#include "app/outbox.hpp"
#include "domain/error.hpp"
#include "domain/serial.hpp"
#include "domain/ticket_token.hpp"
#include "domain/crypto.hpp"
#include "store/events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
std::string sign_code(const SigningKey& key, Id event_id, std::int64_t number) {
  const ticket_token::Claims claims{static_cast<std::uint32_t>(key.key_id), static_cast<std::uint32_t>(event_id),
                                    static_cast<std::uint64_t>(number), crypto::random_u32()};
  return ticket_token::sign(claims, key.secret);
}
}  // namespace

PresignedCode presign_code(const SigningKey& key, Id event_id, std::int64_t number) {
  return {key.key_id, number, sign_code(key, event_id, number)};
}

TicketView issue_ticket(Context& ctx, store::Connection& c, const Registration& reg, const Actor& actor, Millis now,
                        std::optional<std::int64_t> number, const PresignedCode* presigned) {
  const auto event = store::events::find(c, reg.event_id);
  if (!event) throw Error(ErrorCode::not_found, "The registration's event no longer exists");
  if (!number) number = store::events::next_ticket_number(c, event->id);
  if (!number)
    throw Error(ErrorCode::conflict,
                "The event is full: all " + std::to_string(event->capacity.value_or(0)) + " tickets are issued");

  const auto key = ctx.keys.signing_key(c, event->id);
  const bool use_presigned = presigned && presigned->key_id == key.key_id && presigned->number == *number;

  TicketView view;
  Ticket& t = view.ticket;
  t.event_id = event->id;
  t.registration_id = reg.id;
  t.number = *number;
  t.serial = format_serial(event->serial_prefix, *number);
  t.qr_payload = use_presigned ? presigned->payload : sign_code(key, event->id, *number);
  t.status = TicketStatus::valid;
  t.issued_at = now;
  t.id = store::tickets::insert(c, t, key.key_id, actor.id, reg.name, reg.email);
  view.holder_name = reg.name;
  view.holder_email = reg.email;
  view.team_name = reg.team_name;
  view.event_name = event->name;

  AuditRecord rec{"ticket.issue", "ticket", t.serial, event->id, {}};
  rec.details["registration_id"] = reg.id;
  record_audit(c, actor, rec, now);
  queue_ticket_mail(ctx, c, "ticket_issued", view, {}, now, &*event, reg.locale);  // in the language registered in
  return view;
}

}  // namespace gatepass::app
