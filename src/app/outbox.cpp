#include "app/outbox.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/audit.hpp"
#include "app/mail_templates.hpp"
#include "app/ticket_change.hpp"
#include "app/ticket_links.hpp"
#include "app/time_zones.hpp"
#include <array>

#include "domain/error.hpp"
#include "domain/locale.hpp"
#include "domain/money.hpp"
#include "domain/time.hpp"
#include "store/events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
std::string vars_json(const mail::Vars& vars) {
  boost::json::object o;
  for (const auto& [k, v] : vars) o[k] = v;
  return boost::json::serialize(o);
}

// Times are shown in the event's zone with its abbreviation; mails without an event (accounts) in UTC.
std::string human_time(Millis t, std::string_view lang, const Event* event) {
  return time_zones::format(t, lang, event ? std::string_view(event->time_zone) : std::string_view("UTC"));
}

// Vars that callers give as ISO 8601 and the mail shows as a date.
constexpr std::array<std::string_view, 1> kTimeVars = {"claimed_at"};
// Vars that callers give as decimal text ("12.50") and the mail shows as money in the language's
// way ("12,50 €"): in the `currency` var's currency, else the event's.
constexpr std::array<std::string_view, 1> kMoneyVars = {"amount"};
}  // namespace

void queue_mail(store::Connection& c, const std::string& kind, const std::string& to_email,
                const std::string& to_name, std::optional<Id> event_id, std::optional<Id> ticket_id, mail::Vars vars,
                Millis now, const Event* event, const std::optional<std::string>& to_locale) {
  if (to_email.empty()) return;  // a ticket without a known address (generated, unsold) gets no mail
  std::optional<Event> read;
  if (!event_id) {
    event = nullptr;  // an account mail (verification, password reset)
  } else if (!event || event->id != *event_id) {
    read = store::events::find(c, *event_id);
    event = read ? &*read : nullptr;
  }
  // Only a mail whose caller does not know the language pays the look-up of the ticket's.
  std::optional<std::string> stored = to_locale;
  if (!stored && ticket_id) stored = store::tickets::stored_locale(c, *ticket_id);
  const std::string lang = locale::choose(std::nullopt, stored, std::nullopt, event ? event->default_locale : locale::kFallback);
  if (const auto* e = event) {
    vars.emplace("event_name", locale::text_in(e->name_i18n, e->name, lang, e->default_locale).text);
    if (e->venue) vars.emplace("venue", *e->venue);
    if (e->starts_at) vars.emplace("starts_at", human_time(*e->starts_at, lang, e));
    if (e->mail_text) vars.emplace("mail_text", locale::text_in(e->mail_text_i18n, *e->mail_text, lang, e->default_locale).text);
  }
  for (const auto name : kTimeVars)
    if (auto it = vars.find(std::string(name)); it != vars.end())
      if (const auto at = parse_iso8601(it->second)) it->second = human_time(*at, lang, event);
  const auto currency = vars.contains("currency") ? vars.at("currency") : event ? event->currency : std::string();
  for (const auto name : kMoneyVars)
    if (auto it = vars.find(std::string(name)); it != vars.end() && !currency.empty())
      if (const auto cents = money::parse_cents(it->second)) it->second = money::format_amount(*cents, currency, lang);
  vars["locale"] = lang;
  vars.emplace("name", to_name);
  store::outbox::Message m;
  m.kind = kind;
  m.to_email = to_email;
  if (!to_name.empty()) m.to_name = to_name;
  m.event_id = event_id;
  m.ticket_id = ticket_id;
  m.vars_json = vars_json(vars);
  m.created_at = now;
  store::outbox::insert(c, m);
}

void queue_ticket_mail(Context& ctx, store::Connection& c, const std::string& kind, const TicketView& t, mail::Vars vars,
                       Millis now, const Event* event, const std::optional<std::string>& to_locale) {
  if (t.holder_email.empty()) return;
  vars["serial"] = t.ticket.serial;
  vars["qr_payload"] = t.ticket.qr_payload;
  vars["holder_name"] = t.holder_name;
  if (t.team_name) vars["team_name"] = *t.team_name;
  vars["link_url"] = ctx.config.mail.public_url + "/t/" + create_ticket_link(c, t, now);
  queue_mail(c, kind, t.holder_email, t.holder_name, t.ticket.event_id, t.ticket.id, std::move(vars), now, event, to_locale);
}

store::Page<store::outbox::Message> list_outbox(Context& ctx, std::optional<store::outbox::Status> status,
                                                const PageRequest& page) {
  store::Page<store::outbox::Message> out;
  ctx.db.read_one([&](store::Connection& c) { out = store::outbox::list(c, status, page.limit, page.offset); });
  return out;
}

store::outbox::Counts outbox_counts(Context& ctx) {
  store::outbox::Counts out;
  ctx.db.read_one([&](store::Connection& c) { out = store::outbox::counts(c); });
  return out;
}

void retry_message(Context& ctx, const Principal& by, Id id) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto m = store::outbox::find(c, id);
    if (!m) throw Error(ErrorCode::not_found, "No message with id " + std::to_string(id));
    if (store::outbox::retry_now(c, id, now) != 1)
      throw Error(ErrorCode::conflict, "This message is " + std::string(store::outbox::to_string(m->status)) + ", not waiting");
    AuditRecord rec{"mail.retry", "mail", std::to_string(id), m->event_id, {}};
    record_audit(c, Actor::of(by), rec, now);
  });
}

void resend_ticket(Context& ctx, const Principal& by, const std::string& serial) {
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    if (t.holder_email.empty()) throw Error(ErrorCode::conflict, "This ticket has no holder email yet (unsold)");
    require_allowed(t.ticket.status, ticket_state::Action::claim);  // only a ticket that can still be used
    queue_ticket_mail(ctx, c, "ticket_issued", t, {}, now);
    AuditRecord rec{"ticket.resend", "ticket", t.ticket.serial, t.ticket.event_id, {}};
    rec.details["to"] = t.holder_email;
    record_audit(c, Actor::of(by), rec, now);
  });
}

mail::Vars vars_from_json(const std::string& vars_json) {
  mail::Vars vars;
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(vars_json, ec);
  if (!ec && parsed.is_object())
    for (const auto& [k, v] : parsed.as_object())
      if (v.is_string()) vars[std::string(k)] = std::string(v.as_string());
  return vars;
}

MessagePreview preview_message(Context& ctx, Id id) {
  std::optional<store::outbox::Message> m;
  ctx.db.read_one([&](store::Connection& c) { m = store::outbox::find(c, id); });
  if (!m) throw Error(ErrorCode::not_found, "No message with id " + std::to_string(id));
  auto vars = vars_from_json(m->vars_json);
  // link_url, reset_url, verify_url are bearer links; app_url is the public address of the app.
  for (auto& [k, v] : vars)
    if (k != "app_url" && k.size() > 4 && k.ends_with("_url")) v = kHiddenLink;
  const auto rendered = render_mail(m->kind, vars, ctx.config.mail.template_dir, queued_locale(vars));
  return {std::move(*m), rendered.subject, rendered.text};
}

}  // namespace gatepass::app
