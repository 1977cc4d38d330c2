#include "app/gate/undo_admission.hpp"

#include "app/gate/assignment.hpp"
#include "app/ticket_change.hpp"
#include "domain/error.hpp"
#include "domain/time.hpp"
#include "domain/validation.hpp"
#include "store/scans_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app::gate {

namespace {

Error not_admitted(const TicketView& t) {
  return Error(ErrorCode::not_admitted, "Ticket " + t.ticket.serial + " has no admission to undo (it is " +
                                            std::string(to_string(t.ticket.status)) + ")");
}

// A steward undoes only its own, recent admission (admins any).
void require_may_undo(const Context& ctx, const Principal& by, const std::optional<Scan>& admission, Millis now) {
  if (by.role == Role::admin) return;
  const bool same_maker = admission && (by.device ? admission->device_id == by.device->device_id
                                                  : admission->user_id == std::optional<Id>(by.user_id));
  if (!same_maker)
    throw Error(ErrorCode::undo_window_passed,
                "Only an admin can undo this admission: it was made by another " +
                    std::string(by.device ? "device" : "account"));
  if (now - admission->scanned_at > ctx.config.undo_admission_window_ms)
    throw Error(ErrorCode::undo_window_passed,
                "Too late to undo at the gate: admissions can be undone within " +
                    std::to_string(ctx.config.undo_admission_window_ms / 60'000) + " minutes (admitted at " +
                    format_iso8601(admission->scanned_at) + "); ask an admin");
}

}  // namespace

UndoneAdmission undo_admission(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason) {
  if (auto err = validation::check_text(reason, 500, true))
    throw Error(ErrorCode::validation, "Say why the admission is undone", {{"reason", *err}});
  UndoneAdmission out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    // Decided on the ticket as it is; if a racing scan or undo moves it before our write, the write
    // changes nothing and we decide again on what it is then (an undone ticket: not_admitted).
    for (int attempt = 0;; ++attempt) {
      auto t = ticket_or_404(c, serial);
      require_event(by, t.ticket.event_id);
      if (t.ticket.status != TicketStatus::used) throw not_admitted(t);
      out.admission = store::scans::last_admission(c, t.ticket.id);
      require_may_undo(ctx, by, out.admission, now);
      const Id admission_id = out.admission ? out.admission->id : 0;
      if (store::tickets::undo_admission(c, t.ticket.id, t.ticket.inside, admission_id) != 1) {
        if (attempt >= 3) throw store::Unavailable("the ticket kept changing under an undo; retry");
        continue;
      }
      t.ticket.status = TicketStatus::valid;
      t.ticket.used_at.reset();
      t.ticket.used_by.reset();
      t.ticket.inside = false;
      t.ticket.inside_gate.reset();

      Scan s;
      s.event_id = t.ticket.event_id;
      s.ticket_id = t.ticket.id;
      s.serial = t.ticket.serial;
      s.type = "undo";
      s.result = "undone";
      // The admission's gate: the attendance report takes the entry out of that gate's count.
      s.gate = out.admission ? out.admission->gate : std::nullopt;
      if (by.device) s.device_id = by.device->device_id;
      else if (by.role != Role::admin && out.admission) s.device_id = out.admission->device_id;
      if (!by.is_device()) s.user_id = by.user_id;  // a device's rows carry its device_id, no user
      s.username = by.username;
      s.scanned_at = now;
      s.note = reason;
      s.id = store::scans::insert(c, s);
      out.scan = s;

      TicketChange ch;
      ch.action = "admission_undone";
      ch.audit_action = "checkin.undo";
      ch.details["reason"] = reason;
      ch.details["scan_id"] = s.id;
      if (out.admission) {
        ch.details["admission_scan_id"] = out.admission->id;
        ch.details["admitted_at"] = format_iso8601(out.admission->scanned_at);
        if (out.admission->gate) ch.details["gate"] = *out.admission->gate;
        if (out.admission->device_id) ch.details["admission_device_id"] = *out.admission->device_id;
      }
      if (by.device) ch.details["device_id"] = by.device->device_id;
      record_ticket_change(c, Actor::of(by), t, ch, now);
      out.ticket = std::move(t);
      return;
    }
  });
  ctx.live.changed(out.ticket.ticket.event_id);
  return out;
}

}  // namespace gatepass::app::gate
