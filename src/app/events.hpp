#pragma once
#include "app/context.hpp"
#include "store/page.hpp"

namespace gatepass::app {

// An event's description: plain text (new lines kept), at most this many characters.
inline constexpr std::size_t kMaxDescription = 2000;

// Fields as the client sent them. For PATCH, an absent field is nullopt, an explicit null is
// optional(nullopt) on the nullable ones.
struct EventInput {
  std::optional<std::string> name;
  std::optional<std::string> slug;
  std::optional<std::optional<std::string>> venue;
  std::optional<std::optional<std::string>> starts_at;  // ISO 8601 with zone
  std::optional<std::optional<std::string>> ends_at;
  std::optional<std::optional<std::int64_t>> capacity;
  std::optional<std::string> serial_prefix;
  std::optional<bool> requires_approval;
  std::optional<bool> published;
  std::optional<std::optional<std::int64_t>> max_tickets_per_email;  // null: no limit
  std::optional<std::string> currency;  // ISO 4217, e.g. EUR
  std::optional<std::optional<std::string>> mail_text;  // the organiser's text in every mail
  std::optional<bool> reentry;  // holders may leave and come back
  std::optional<std::optional<std::string>> refunds_until;  // ISO 8601; null: until starts_at
  std::optional<std::string> gate_lookup;  // "none" | "name": name search at the gate
  // Days after the event's end until housekeeping erases its personal data; null: kept.
  std::optional<std::optional<std::int64_t>> personal_data_retention_days;
  std::optional<std::optional<std::string>> description;  // plain text; null clears
  std::optional<std::string> sales_channel;  // "registration" | "box_office" | "both"
  std::optional<std::int64_t> registrations_per_email;  // 0: no limit
  // Issue 24: the language of the plain texts, and the texts per language (locale -> text; the
  // default locale's entry required). A map replaces the stored one as a whole.
  std::optional<std::string> default_locale;
  std::optional<LocaleTexts> name_i18n;
  std::optional<LocaleTexts> description_i18n;
  std::optional<LocaleTexts> mail_text_i18n;
  // An IANA time zone ("Europe/Berlin") the event's times are shown in; new events without one
  // get the server's default (GATEPASS_DEFAULT_TIME_ZONE, else UTC).
  std::optional<std::string> time_zone;
};

Event create_event(Context& ctx, const Principal& by, const EventInput& in);
Event update_event(Context& ctx, const Principal& by, Id id, const EventInput& in);
// Public callers see published events only.
std::optional<Event> get_event(Context& ctx, Id id, bool include_unpublished);
store::Page<Event> list_events(Context& ctx, bool include_unpublished, const PageRequest& page);

}  // namespace gatepass::app
