#include "app/tickets.hpp"

#include "app/pdf_cache.hpp"
#include "app/search/search_index.hpp"
#include "domain/serial.hpp"
#include "domain/crypto.hpp"

#include "app/holders.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

#include "app/audit.hpp"
#include "app/time_zones.hpp"
#include "domain/error.hpp"
#include "domain/locale.hpp"
#include "domain/time.hpp"
#include "store/events_repo.hpp"
#include "domain/ticket_state.hpp"
#include "domain/validation.hpp"
#include "app/outbox.hpp"
#include "app/ticket_change.hpp"
#include "store/sales_repo.hpp"
#include "store/scans_repo.hpp"
#include "store/ticket_events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

TicketView find_ticket(Context& ctx, const std::string& serial) {
  std::optional<TicketView> t;
  if (serial.size() <= 40) ctx.db.read_one([&](store::Connection& c) { t = store::tickets::find_by_serial(c, serial); });
  if (!t) throw Error(ErrorCode::not_found, "No ticket with this serial");
  return *t;
}

std::string ticket_pdf(Context& ctx, const TicketView& snapshot, Paper paper, const std::optional<std::string>& asked) {
  const TicketView* t = &snapshot;
  std::optional<Event> event;
  std::optional<std::string> stored;
  ctx.db.read([&](store::Connection& c) {
    event = store::events::find(c, t->ticket.event_id);
    if (!asked || !locale::match(*asked)) stored = store::tickets::stored_locale(c, t->ticket.id);
  });
  if (!event) throw Error(ErrorCode::not_found, "No ticket with this serial");
  PrintedTicket p;
  p.locale = locale::choose(asked, stored, std::nullopt, event->default_locale);
  p.event_name = locale::text_in(event->name_i18n, event->name, p.locale, event->default_locale).text;
  p.venue = event->venue;
  // In the event's time zone, with its abbreviation ("18:00 Uhr CEST").
  if (event->starts_at) p.starts_at = time_zones::format(*event->starts_at, p.locale, event->time_zone);
  p.holder_name = t->holder_name;
  p.team_name = t->team_name;
  p.serial = t->ticket.serial;
  p.qr_payload = t->ticket.qr_payload;
  p.status = std::string(to_string(t->ticket.status));
  if (!t->ticket.holder_user_id) p.claim_code = claim_code_of(ctx, *t);
  // Everything printed is in the key (unit separators between fields), so a hit is the same PDF.
  static PdfCache cache;
  std::string key(paper == Paper::a4 ? "a4" : "letter");
  for (const auto* field : {&p.event_name, &p.holder_name, &p.serial, &p.qr_payload, &p.status, &p.locale})
    key += '\x1f' + *field;
  for (const auto* field : {&p.venue, &p.starts_at, &p.team_name, &p.claim_code})
    key += field->has_value() ? '\x1f' + **field : std::string("\x1e");
  key = crypto::sha256_hex(key);
  if (auto hit = cache.get(key)) return *hit;
  auto pdf = render_ticket_pdf(p, paper);
  cache.put(key, pdf);
  return pdf;
}

TicketView void_ticket(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason) {
  if (auto e = validation::check_text(reason, 500, true)) throw Error(ErrorCode::validation, "Bad reason", {{"reason", *e}});
  const std::string why = validation::trim(reason);
  TicketView out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    if (store::tickets::mark_void(c, t.ticket.id, now, by.user_id, why) != 1)
      throw_refusal(c, t.ticket.id, ticket_state::Action::void_ticket);
    TicketChange ch{"voided", std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
    ch.details["reason"] = why;
    ch.details["previous_status"] = std::string(to_string(t.ticket.status));
    ch.audit_action = "ticket.void";  // the name the audit log has used since voiding came
    record_ticket_change(c, Actor::of(by), t, ch, now);
    queue_mail(c, "ticket_voided", t.holder_email, t.holder_name, t.ticket.event_id, t.ticket.id,
               {{"serial", t.ticket.serial}, {"reason", why}}, now);
    out = *store::tickets::find_by_id(c, t.ticket.id);
  });
  return out;
}

store::Page<TicketView> list_event_tickets(Context& ctx, const store::tickets::Filter& f, const PageRequest& page) {
  if (f.search && (f.search->size() > 200 || !validation::is_valid_utf8(*f.search)))
    throw Error(ErrorCode::validation, "Bad search", {{"q", "must be UTF-8, at most 200 bytes"}});
  const bool searching = f.search && !f.search->empty();
  if (searching) search::catch_up(ctx.db);  // so the search finds the tickets issued a moment ago
  store::Page<TicketView> out;
  ctx.db.read([&](store::Connection& c) {
    const auto event = store::events::find(c, f.event_id);
    if (!event) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(f.event_id));
    auto filter = f;
    // "2", "hl2027 2" or a full serial find that ticket, as the gate's typed lookup does.
    if (searching) {
      filter.search_serial = normalise_typed_serial(*f.search, event->serial_prefix);
      filter.search_is_serial = names_only_own_serial(*f.search, event->serial_prefix);
    }
    out = store::tickets::list(c, filter, page.limit, page.offset);
  });
  return out;
}

TicketHistory ticket_history(Context& ctx, const std::string& serial) {
  TicketHistory out;
  ctx.db.read([&](store::Connection& c) {
    out.ticket = ticket_or_404(c, serial);
    out.events = store::ticket_events::of_ticket(c, out.ticket.ticket.id, 500);
    // Admissions and exits are the gate's scans: told in the same story, in time order.
    for (const auto& s : store::scans::of_ticket(c, out.ticket.ticket.id, 500)) {
      if (s.result != "admitted" && s.result != "exited") continue;
      boost::json::object details;
      if (s.gate) details["gate"] = *s.gate;
      if (s.device_id) details["device_id"] = *s.device_id;
      out.events.push_back({0, s.ticket_id.value_or(0), s.event_id.value_or(0), s.result, s.user_id, s.username,
                            s.scanned_at, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                            boost::json::serialize(details)});
    }
    std::stable_sort(out.events.begin(), out.events.end(),
                     [](const TicketEvent& a, const TicketEvent& b) { return a.at < b.at; });
  });
  return out;
}

void export_batch_csv(Context& ctx, Id batch_id, const std::function<void(std::string_view)>& write) {
  std::optional<store::sales::Batch> batch;
  ctx.db.read_one([&](store::Connection& c) { batch = store::sales::find_batch(c, batch_id); });
  if (!batch) throw Error(ErrorCode::not_found, "No ticket batch with id " + std::to_string(batch_id));
  write("serial,payload\r\n");
  // A page at a time, each its own short read: a million rows never sit in memory at once.
  std::int64_t after = batch->first_number - 1;
  for (;;) {
    std::vector<store::tickets::BatchCode> page;
    ctx.db.read_one([&](store::Connection& c) { page = store::tickets::batch_codes(c, batch_id, after, 10'000); });
    if (page.empty()) break;
    std::string chunk;
    for (const auto& row : page) chunk += row.serial + "," + row.payload + "\r\n";
    write(chunk);
    after += static_cast<std::int64_t>(page.size());
    if (page.size() < 10'000) break;
  }
}

std::vector<SheetTicket> batch_page(Context& ctx, Id batch_id, std::int64_t offset, std::int64_t limit) {
  std::optional<store::sales::Batch> batch;
  std::vector<store::tickets::BatchCode> rows;
  ctx.db.read([&](store::Connection& c) {
    batch = store::sales::find_batch(c, batch_id);
    if (batch) rows = store::tickets::batch_codes(c, batch_id, batch->first_number - 1 + offset, limit);
  });
  if (!batch) throw Error(ErrorCode::not_found, "No ticket batch with id " + std::to_string(batch_id));
  std::vector<SheetTicket> out;
  out.reserve(rows.size());
  for (auto& row : rows) {
    SheetTicket t{std::move(row.serial), std::move(row.payload), std::nullopt};
    if (!row.held) t.claim_code = claim_code_of(ctx, row.ticket_id, row.code_id, t.serial);
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace gatepass::app
