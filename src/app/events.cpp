#include "app/events.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/ticket_types.hpp"
#include "app/time_zones.hpp"
#include "app/translations.hpp"
#include "domain/error.hpp"
#include "domain/locale.hpp"
#include "domain/personal_data.hpp"
#include "domain/time.hpp"
#include "domain/validation.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app {

namespace {
namespace v = validation;

// Applies the client's fields onto `e`, collecting every problem before failing.
void apply(Event& e, const EventInput& in, FieldErrors& errors) {
  if (in.name) {
    if (auto err = v::check_text(*in.name, 200, true)) errors.add("name", *err);
    e.name = v::trim(*in.name);
  }
  if (in.slug) {
    if (auto err = v::check_slug(*in.slug)) errors.add("slug", *err);
    e.slug = *in.slug;
  }
  if (in.venue) {
    if (*in.venue)
      if (auto err = v::check_text(**in.venue, 200, false)) errors.add("venue", *err);
    e.venue = *in.venue;
  }
  auto time_field = [&](const char* field, const std::optional<std::optional<std::string>>& value,
                        std::optional<Millis>& out) {
    if (!value) return;
    if (!*value) {
      out.reset();
      return;
    }
    auto parsed = parse_iso8601(**value);
    if (!parsed) errors.add(field, "must be an ISO 8601 time with a zone, like 2026-05-01T18:00:00Z");
    out = parsed;
  };
  time_field("starts_at", in.starts_at, e.starts_at);
  time_field("ends_at", in.ends_at, e.ends_at);
  time_field("refunds_until", in.refunds_until, e.refunds_until);
  if (e.starts_at && e.ends_at && *e.ends_at < *e.starts_at) errors.add("ends_at", "must not be before starts_at");
  if (in.capacity) {
    if (*in.capacity && (**in.capacity < 1 || **in.capacity > 10'000'000))
      errors.add("capacity", "must be between 1 and 10000000");
    e.capacity = *in.capacity;
  }
  if (in.serial_prefix) {
    if (auto err = v::check_serial_prefix(*in.serial_prefix)) errors.add("serial_prefix", *err);
    e.serial_prefix = *in.serial_prefix;
  }
  if (in.requires_approval) e.requires_approval = *in.requires_approval;
  if (in.published) e.published = *in.published;
  if (in.max_tickets_per_email) {
    if (*in.max_tickets_per_email && (**in.max_tickets_per_email < 1 || **in.max_tickets_per_email > 1000))
      errors.add("max_tickets_per_email", "must be between 1 and 1000, or null for no limit");
    e.max_tickets_per_email = *in.max_tickets_per_email;
  }
  if (in.currency) {
    const bool iso = in.currency->size() == 3 && std::all_of(in.currency->begin(), in.currency->end(),
                                                              [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!iso) errors.add("currency", "must be a three-letter ISO 4217 code in capitals, like EUR");
    e.currency = *in.currency;
  }
  if (in.mail_text) {
    if (*in.mail_text)
      if (auto err = v::check_text(**in.mail_text, 2000, false)) errors.add("mail_text", *err);
    e.mail_text = *in.mail_text;
  }
  if (in.reentry) e.reentry = *in.reentry;
  if (in.gate_lookup) {
    if (*in.gate_lookup != "none" && *in.gate_lookup != "name") errors.add("gate_lookup", "must be none or name");
    e.gate_lookup = *in.gate_lookup;
  }
  if (in.personal_data_retention_days) {
    const auto& days = *in.personal_data_retention_days;
    if (days && (*days < 0 || *days > personal_data::kMaxRetentionDays))
      errors.add("personal_data_retention_days",
                 "must be between 0 and " + std::to_string(personal_data::kMaxRetentionDays) + ", or null to keep the data");
    e.personal_data_retention_days = days;
  }
  if (in.description) {
    if (*in.description)
      if (auto err = v::check_text(**in.description, kMaxDescription, false)) errors.add("description", *err);
    e.description = *in.description ? std::optional(v::trim(**in.description)) : std::nullopt;
    if (e.description && e.description->empty()) e.description.reset();
  }
  if (in.sales_channel) {
    if (*in.sales_channel != "registration" && *in.sales_channel != "box_office" && *in.sales_channel != "both")
      errors.add("sales_channel", "must be registration, box_office or both");
    e.sales_channel = *in.sales_channel;
  }
  if (in.registrations_per_email) {
    if (*in.registrations_per_email < 0 || *in.registrations_per_email > 1000)
      errors.add("registrations_per_email", "must be between 1 and 1000, or 0 for no limit");
    e.registrations_per_email = *in.registrations_per_email;
  }
}

// The time zone sent, checked against the tz database: 422 invalid_time_zone (the issue's
// contract), after the 400 of malformed fields, like the translations' 422.
void apply_time_zone(Event& e, const EventInput& in) {
  if (!in.time_zone) return;
  if (!time_zones::known(*in.time_zone))
    throw Error(ErrorCode::invalid_time_zone, "Unknown time zone",
                {{"time_zone", "must be a time zone of the tz database, like Europe/Berlin or America/New_York"}});
  e.time_zone = *in.time_zone;
}

// The texts per language (issue 24), after apply(): the maps sent, then each kept in step with
// its plain field (which holds the default locale's text).
void apply_texts(Event& e, const EventInput& in, FieldErrors& errors, FieldErrors& translations) {
  if (in.default_locale) {
    if (!locale::is_shipped(*in.default_locale)) errors.add("default_locale", "must be one of en, de, fr, es");
    else e.default_locale = *in.default_locale;
  }
  if (in.name_i18n) e.name_i18n = checked_texts(*in.name_i18n, "name_i18n", 200, e.default_locale, translations);
  if (in.description_i18n) e.description_i18n = checked_texts(*in.description_i18n, "description_i18n", kMaxDescription, e.default_locale, translations);
  if (in.mail_text_i18n) e.mail_text_i18n = checked_texts(*in.mail_text_i18n, "mail_text_i18n", 2000, e.default_locale, translations);
  settle_texts(e.name_i18n, e.name, in.name.has_value(), "name_i18n", e.default_locale, translations);
  settle_texts(e.description_i18n, e.description, in.description.has_value(), "description_i18n", e.default_locale, translations);
  settle_texts(e.mail_text_i18n, e.mail_text, in.mail_text.has_value(), "mail_text_i18n", e.default_locale, translations);
}

// EVT<year>, then EVT<year>B, C, … : readable serials that stay unique across events.
std::string default_prefix(store::Connection& c, int year) {
  const std::string base = "EVT" + std::to_string(year);
  if (!store::events::prefix_taken(c, base, 0)) return base;
  for (char suffix = 'B'; suffix <= 'Z'; ++suffix)
    if (!store::events::prefix_taken(c, base + suffix, 0)) return base + suffix;
  throw Error(ErrorCode::conflict, "No free default serial prefix", {{"serial_prefix", "please choose one"}});
}

std::string unique_slug(store::Connection& c, const std::string& base) {
  const std::string root = base.empty() ? "event" : base;
  if (!store::events::slug_taken(c, root, 0)) return root;
  for (int i = 2;; ++i)
    if (auto s = root + "-" + std::to_string(i); !store::events::slug_taken(c, s, 0)) return s;
}

// Checked before writing (a failed statement would abort a PostgreSQL transaction). A race that
// slips past the check still hits the unique index and surfaces as store::UniqueViolation.
void check_unique(store::Connection& c, const Event& e) {
  FieldErrors errors;
  if (store::events::slug_taken(c, e.slug, e.id)) errors.add("slug", "is already used by another event");
  if (store::events::prefix_taken(c, e.serial_prefix, e.id))
    errors.add("serial_prefix", "is already used by another event");
  if (!errors.empty()) {
    try {
      errors.throw_if_any("Another event already uses this slug or serial prefix");
    } catch (const Error& err) {
      throw Error(ErrorCode::conflict, err.what(), err.fields());
    }
  }
}

void audit_event(store::Connection& c, const Principal& by, const char* action, const Event& e, Millis now) {
  AuditRecord rec{action, "event", std::to_string(e.id), e.id, {}};
  rec.details["name"] = e.name;
  rec.details["serial_prefix"] = e.serial_prefix;
  record_audit(c, Actor::of(by), rec, now);
}
}  // namespace

Event create_event(Context& ctx, const Principal& by, const EventInput& in) {
  Event e;
  e.time_zone = ctx.config.default_time_zone;
  FieldErrors errors;
  FieldErrors translations;
  if (!in.name) errors.add("name", "is required");
  apply(e, in, errors);
  apply_texts(e, in, errors, translations);
  errors.throw_if_any();
  throw_if_bad_translations(translations);
  apply_time_zone(e, in);
  const Millis now = ctx.now();
  e.created_at = now;
  // The default prefix/slug are chosen inside the write: on SQLite writes are serialised; on
  // PostgreSQL a concurrent create that picks the same one fails the unique index and is retried.
  for (int attempt = 0;; ++attempt) {
    try {
      ctx.db.write([&](store::Connection& c) {
        Event row = e;
        if (!in.serial_prefix) row.serial_prefix = default_prefix(c, year_of(e.starts_at.value_or(now)));
        if (!in.slug) row.slug = unique_slug(c, v::slugify(e.name));
        check_unique(c, row);
        row.id = store::events::insert(c, row, now);
        ctx.keys.create_key(c, row.id, now);
        audit_event(c, by, "event.create", row, now);
        e = row;
      });
      return e;
    } catch (const store::UniqueViolation&) {
      // Lost a race for the same default slug/prefix: pick again with fresh data.
      if (attempt >= 3) throw Error(ErrorCode::unavailable, "Could not pick a unique slug or prefix; retry");
    }
  }
}

Event update_event(Context& ctx, const Principal& by, Id id, const EventInput& in) {
  Event e;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    auto found = store::events::find(c, id);
    if (!found) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(id));
    e = *found;
    FieldErrors errors, translations;
    apply(e, in, errors);
    apply_texts(e, in, errors, translations);
    errors.throw_if_any();
    // A new default language applies to the ticket types' names too: refused in the same answer.
    std::vector<TicketType> renamed;
    if (e.default_locale != found->default_locale) renamed = ticket_type_names_for(c, e.id, e.default_locale, translations);
    throw_if_bad_translations(translations);
    apply_time_zone(e, in);
    check_unique(c, e);
    store::events::update(c, e, now);
    audit_event(c, by, "event.update", e, now);
    save_ticket_type_names(c, by, renamed, now);
  });
  return e;
}

std::optional<Event> get_event(Context& ctx, Id id, bool include_unpublished) {
  std::optional<Event> e;
  ctx.db.read([&](store::Connection& c) { e = store::events::find(c, id); });
  if (e && !e->published && !include_unpublished) return std::nullopt;
  return e;
}

store::Page<Event> list_events(Context& ctx, bool include_unpublished, const PageRequest& page) {
  store::Page<Event> out;
  ctx.db.read([&](store::Connection& c) { out = store::events::list(c, !include_unpublished, page.limit, page.offset); });
  return out;
}

}  // namespace gatepass::app
