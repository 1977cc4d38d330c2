#include "app/privacy/retention.hpp"

#include "app/attachments.hpp"
#include "app/audit.hpp"
#include "app/privacy/person.hpp"
#include "domain/personal_data.hpp"
#include "store/events_repo.hpp"
#include "store/privacy_repo.hpp"

namespace gatepass::app::privacy {

std::int64_t erase_due_events(Context& ctx) {
  const Millis now = ctx.now();
  std::vector<Event> due;
  ctx.db.read([&](store::Connection& c) { due = store::privacy::events_due(c, now); });
  std::int64_t done = 0;
  for (const auto& event : due) {
    store::privacy::Erased erased;
    bool mine = false;
    // One transaction per event: the claim (a conditional write) and the erasure commit together,
    // so another instance either erased it already (0 rows: skip) or waits and then skips.
    ctx.db.write([&](store::Connection& c) {
      // Read again inside: an admin may have changed the retention or the dates meanwhile.
      const auto current = store::events::find(c, event.id);
      const auto due_at = current ? personal_data::retention_due_at(*current) : std::nullopt;
      mine = due_at && *due_at <= now && store::privacy::mark_event_erased(c, event.id, now) == 1;
      if (!mine) return;
      erased = store::privacy::erase_event(c, event.id);
      store::audit::PersonalData people;
      people.event_id = event.id;
      erased.audit_entries = erase_from_audit_log(c, people, Actor::system(), "privacy.retention_erase", now);
      AuditRecord rec{"privacy.retention_erase", "event", std::to_string(event.id), event.id, {}};
      rec.details["retention_days"] = event.personal_data_retention_days.value_or(0);
      rec.details["registrations"] = erased.registrations;
      rec.details["tickets"] = erased.tickets;
      rec.details["scans"] = erased.scans;
      rec.details["attachments"] = erased.attachments;
      rec.details["mail"] = erased.mail;
      rec.details["audit_entries"] = erased.audit_entries;
      record_audit(c, Actor::system(), rec, now);
    });
    if (!mine) continue;
    ++done;
    const auto dir = ctx.config.data_dir + "/attachments";
    for (const auto& f : erased.attachment_files) remove_attachment(dir, f);
  }
  return done;
}

}  // namespace gatepass::app::privacy
