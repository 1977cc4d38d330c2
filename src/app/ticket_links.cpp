#include "app/ticket_links.hpp"

#include "app/audit.hpp"
#include "app/ticket_change.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/link_token.hpp"
#include "store/outbox_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

std::string create_ticket_link(store::Connection& c, const TicketView& t, Millis now) {
  const auto token = link_token::make(now, crypto::random_token(32));
  store::ticket_links::insert(c, link_token::storage_key(token), t.ticket.id, t.ticket.code_id, now);
  return token;
}

std::optional<TicketView> find_linked_ticket(store::Connection& c, const std::string& token) {
  if (token.size() < 20 || token.size() > 100) return std::nullopt;  // never a token of ours
  const auto link = store::ticket_links::find(c, link_token::storage_key(token));
  if (!link || link->revoked) return std::nullopt;
  auto t = store::tickets::find_by_id(c, link->ticket_id);
  if (t && t->ticket.code_id != link->code_id) t.reset();  // the code moved on (transfer, re-issue)
  return t;
}

TicketView ticket_by_link(Context& ctx, const std::string& token) {
  std::optional<TicketView> t;
  ctx.db.read([&](store::Connection& c) { t = find_linked_ticket(c, token); });
  if (!t) throw Error(ErrorCode::not_found, "This ticket link is not valid (any more)");
  return *t;
}

IssuedLink issue_ticket_link(Context& ctx, const Principal& by, const std::string& serial) {
  constexpr Millis kHour = 3'600'000;
  const Millis now = ctx.now();
  IssuedLink out;
  ctx.db.write([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    if (t.ticket.status != TicketStatus::valid && t.ticket.status != TicketStatus::used)
      throw Error(ErrorCode::conflict, "This ticket is " + std::string(to_string(t.ticket.status)) +
                                           ": only a sold or used ticket gets a link");
    if (store::ticket_links::count_since(c, t.ticket.id, now - kHour) >= kLinksPerTicketHour)
      throw Error(ErrorCode::too_many_requests, "Too many links for this ticket in the last hour; use one already made")
          .retry_after_ms(kHour / 4);
    out.serial = t.ticket.serial;
    out.url = ctx.config.mail.public_url + "/t/" + create_ticket_link(c, t, now);
    AuditRecord rec{"ticket.link_issue", "ticket", t.ticket.serial, t.ticket.event_id, {}};
    record_audit(c, Actor::of(by), rec, now);
  });
  return out;
}

std::int64_t revoke_ticket_links(Context& ctx, const Principal& by, const std::string& serial) {
  std::int64_t n = 0;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    n = store::ticket_links::revoke_all(c, t.ticket.id, now);
    AuditRecord rec{"ticket.links_revoke", "ticket", t.ticket.serial, t.ticket.event_id, {}};
    rec.details["revoked"] = n;
    record_audit(c, Actor::of(by), rec, now);
  });
  return n;
}

}  // namespace gatepass::app
