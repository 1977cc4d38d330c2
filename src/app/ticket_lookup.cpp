#include "app/ticket_lookup.hpp"

#include "domain/crypto.hpp"
#include "domain/serial.hpp"
#include "store/events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

Resolved resolve(const std::string& code) {
  Resolved r;
  if (!ticket_token::looks_like_payload(code)) {
    r.typed = true;
    return r;
  }
  r.claims = ticket_token::peek(code);
  if (!r.claims) r.reason = "malformed_payload";
  return r;
}

std::optional<TicketView> load(store::Connection& c, const Resolved& r, const std::string& code, std::string& reason,
                               std::optional<Id> gate_event) {
  std::optional<TicketView> t;
  if (r.claims) {
    t = store::tickets::find_by_number(c, r.claims->event_id, static_cast<std::int64_t>(r.claims->ticket_number));
    if (t && !crypto::constant_time_equal(t->ticket.qr_payload, code)) t.reset();
  } else if (r.typed) {
    std::string prefix;
    if (gate_event)
      if (const auto e = store::events::find(c, *gate_event)) prefix = e->serial_prefix;
    if (const auto serial = normalise_typed_serial(code, prefix)) t = store::tickets::find_by_serial(c, *serial);
    if (!t) reason = kUnknownSerial;
  }
  if (!t && reason.empty()) reason = "unknown_ticket";
  return t;
}

std::string explain_rejected_payload(Context& ctx, store::Connection& c, const std::string& code,
                                     const ticket_token::Claims& claims) {
  const auto key = ctx.keys.public_key(c, claims.key_id);
  if (!key || key->event_id != static_cast<Id>(claims.event_id)) return "unknown_key";
  if (!ticket_token::verify(code, key->bytes)) return "bad_signature";
  return kSuperseded;  // genuinely signed by us, but not the ticket's current code: a transfer replaced it
}

}  // namespace gatepass::app
