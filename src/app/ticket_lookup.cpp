#include "app/ticket_lookup.hpp"

#include "domain/crypto.hpp"
#include "domain/serial.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

Resolved resolve(const std::string& code) {
  Resolved r;
  if (!ticket_token::looks_like_payload(code)) {
    r.serial = normalise_serial(code);
    if (!r.serial) r.reason = "malformed";
    return r;
  }
  r.claims = ticket_token::peek(code);
  if (!r.claims) r.reason = "malformed_payload";
  return r;
}

std::optional<TicketView> load(store::Connection& c, const Resolved& r, const std::string& code, std::string& reason) {
  std::optional<TicketView> t;
  if (r.claims) {
    t = store::tickets::find_by_number(c, r.claims->event_id, static_cast<std::int64_t>(r.claims->ticket_number));
    if (t && !crypto::constant_time_equal(t->ticket.qr_payload, code)) t.reset();
  } else if (r.serial) {
    t = store::tickets::find_by_serial(c, *r.serial);
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
