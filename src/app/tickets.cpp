#include "app/tickets.hpp"

#include "app/audit.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"
#include "store/events_repo.hpp"
#include "domain/ticket_state.hpp"
#include "domain/validation.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

TicketView find_ticket(Context& ctx, const std::string& serial) {
  std::optional<TicketView> t;
  if (serial.size() <= 40) ctx.db.read_one([&](store::Connection& c) { t = store::tickets::find_by_serial(c, serial); });
  if (!t) throw Error(ErrorCode::not_found, "No ticket with this serial");
  return *t;
}

std::string ticket_pdf(Context& ctx, const std::string& serial, Paper paper) {
  std::optional<TicketView> t;
  std::optional<Event> event;
  if (serial.size() <= 40)
    ctx.db.read([&](store::Connection& c) {
      t = store::tickets::find_by_serial(c, serial);
      if (t) event = store::events::find(c, t->ticket.event_id);
    });
  if (!t || !event) throw Error(ErrorCode::not_found, "No ticket with this serial");
  PrintedTicket p;
  p.event_name = event->name;
  p.venue = event->venue;
  if (event->starts_at) {
    const auto iso = format_iso8601(*event->starts_at);  // 2026-05-01T18:00:00.000Z
    p.starts_at = iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
  }
  p.holder_name = t->holder_name;
  p.team_name = t->team_name;
  p.serial = t->ticket.serial;
  p.qr_payload = t->ticket.qr_payload;
  p.status = std::string(to_string(t->ticket.status));
  return render_ticket_pdf(p, paper);
}

TicketView void_ticket(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason) {
  if (auto e = validation::check_text(reason, 500, true)) throw Error(ErrorCode::validation, "Bad reason", {{"reason", *e}});
  const std::string why = validation::trim(reason);
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    auto t = serial.size() <= 40 ? store::tickets::find_by_serial(c, serial) : std::nullopt;
    if (!t) throw Error(ErrorCode::not_found, "No ticket with this serial");
    if (store::tickets::mark_void(c, t->ticket.id, now, by.user_id, why) != 1) {
      // The state table refused (read again: another request may have changed it meanwhile).
      t = store::tickets::find_by_serial(c, serial);
      throw Error(ErrorCode::ticket_not_valid,
                  "This ticket is " + std::string(to_string(t->ticket.status)) + " and cannot be voided");
    }
    AuditRecord rec{"ticket.void", "ticket", t->ticket.serial, t->ticket.event_id, {}};
    rec.details["reason"] = why;
    rec.details["previous_status"] = std::string(to_string(t->ticket.status));
    record_audit(c, Actor::of(by), rec, now);
    out = *store::tickets::find_by_serial(c, serial);
  });
  return out;
}

}  // namespace gatepass::app
