#include "app/ticket_types.hpp"

#include <map>

#include "app/audit.hpp"
#include "app/translations.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/validation.hpp"
#include "store/events_repo.hpp"
#include "store/ticket_types_repo.hpp"

namespace gatepass::app {

namespace {
void apply(TicketType& t, const TicketTypeInput& in, FieldErrors& errors) {
  if (in.name) {
    if (auto e = validation::check_text(*in.name, 100, true)) errors.add("name", *e);
    t.name = validation::trim(*in.name);
  }
  if (in.price) {
    auto canonical = money::canonical(*in.price);
    if (!canonical) errors.add("price", "must be a decimal amount like 25.00 (at most 2 decimals)");
    t.price = canonical.value_or("");
  }
  if (in.quota) {
    if (*in.quota && (**in.quota < 1 || **in.quota > 10'000'000)) errors.add("quota", "must be between 1 and 10000000, or null");
    t.quota = *in.quota;
  }
}

// The name per language (issue 24), kept in step with `name` (the event default locale's).
void apply_names(TicketType& t, const TicketTypeInput& in, const std::string& default_locale) {
  FieldErrors translations;
  if (in.name_i18n) t.name_i18n = checked_texts(*in.name_i18n, "name_i18n", 100, default_locale, translations);
  settle_texts(t.name_i18n, t.name, in.name.has_value(), "name_i18n", default_locale, translations);
  throw_if_bad_translations(translations);
}

void audit_type(store::Connection& c, const Principal& by, const char* action, const TicketType& t, Millis now) {
  AuditRecord rec{action, "ticket_type", std::to_string(t.id), t.event_id, {}};
  rec.details["name"] = t.name;
  rec.details["price"] = t.price;
  if (t.quota) rec.details["quota"] = *t.quota;
  record_audit(c, Actor::of(by), rec, now);
}
}  // namespace

TicketType create_ticket_type(Context& ctx, const Principal& by, Id event_id, const TicketTypeInput& in) {
  FieldErrors errors;
  if (!in.name) errors.add("name", "is required");
  if (!in.price) errors.add("price", "is required");
  TicketType t;
  t.event_id = event_id;
  apply(t, in, errors);
  errors.throw_if_any();
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) {
      const auto event = store::events::find(c, event_id);
      if (!event) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
      t.currency = event->currency;
      apply_names(t, in, event->default_locale);
      t.id = store::ticket_types::insert(c, t, now);
      audit_type(c, by, "ticket_type.create", t, now);
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::conflict, "This event already has a ticket type with that name", {{"name", "is taken"}});
  }
  t.created_at = now;
  return t;
}

TicketType update_ticket_type(Context& ctx, const Principal& by, Id id, const TicketTypeInput& in) {
  TicketType t;
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) {
      auto found = store::ticket_types::find(c, id);
      if (!found) throw Error(ErrorCode::not_found, "No ticket type with id " + std::to_string(id));
      t = *found;
      FieldErrors errors;
      apply(t, in, errors);
      errors.throw_if_any();
      if (in.name_i18n || !t.name_i18n.empty()) apply_names(t, in, store::events::find(c, t.event_id)->default_locale);
      if (store::ticket_types::update(c, t, now) != 1)
        throw Error(ErrorCode::conflict, "The quota is below the tickets already generated",
                    {{"quota", "must be at least " + std::to_string(store::ticket_types::find(c, id)->generated)}});
      audit_type(c, by, "ticket_type.update", t, now);
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::conflict, "This event already has a ticket type with that name", {{"name", "is taken"}});
  }
  return t;
}

std::vector<TicketType> ticket_type_names_for(store::Connection& c, Id event_id, const std::string& locale,
                                              FieldErrors& errors) {
  std::vector<TicketType> renamed;
  std::map<std::string, Id> names;  // every type's name after the change: two may not share one
  for (auto& t : store::ticket_types::of_event(c, event_id)) {
    const auto it = t.name_i18n.find(locale);
    if (!t.name_i18n.empty() && it == t.name_i18n.end())
      errors.add("ticket_types." + std::to_string(t.id) + ".name_i18n." + locale,
                 "is required: ticket type \"" + t.name + "\" has no name in the new default language");
    const bool changes = it != t.name_i18n.end() && it->second != t.name;
    if (changes) t.name = it->second;
    if (const auto [other, fresh] = names.emplace(t.name, t.id); !fresh)
      errors.add("ticket_types." + std::to_string(t.id) + ".name_i18n." + locale,
                 "is \"" + t.name + "\", the name ticket type " + std::to_string(other->second) + " would have too");
    if (changes) renamed.push_back(std::move(t));
  }
  return renamed;
}

void save_ticket_type_names(store::Connection& c, const Principal& by, const std::vector<TicketType>& types, Millis now) {
  // Two passes: names may move from one type to another (Standard/Reduced swapped in the new
  // language), and the (event, name) index is checked row by row. The interim names never leave
  // this transaction.
  for (auto t : types) {
    t.name = "\x1f" + std::to_string(t.id);
    store::ticket_types::update(c, t, now);
  }
  for (const auto& t : types) {
    store::ticket_types::update(c, t, now);  // the quota is unchanged: the write is not refused for it
    audit_type(c, by, "ticket_type.update", t, now);
  }
}

std::vector<TicketType> list_ticket_types(Context& ctx, Id event_id) {
  std::vector<TicketType> out;
  ctx.db.read([&](store::Connection& c) {
    if (!store::events::find(c, event_id)) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
    out = store::ticket_types::of_event(c, event_id);
    const auto unsold = store::ticket_types::unsold_counts(c, event_id);
    for (auto& t : out)
      if (const auto it = unsold.find(t.id); it != unsold.end()) t.available = it->second;
  });
  return out;
}

}  // namespace gatepass::app
