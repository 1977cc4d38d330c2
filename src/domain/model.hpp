#pragma once
// Plain data of the system. Times are Unix milliseconds (UTC) everywhere below the HTTP layer:
// one representation on SQLite and PostgreSQL, formatted as ISO 8601 only at the edge.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gatepass {

using Millis = std::int64_t;
using Id = std::int64_t;
// An organiser's text per language (issue 24): locale ("en", "de", ...) -> text. Empty: none given.
using LocaleTexts = std::map<std::string, std::string>;

// attendee: a ticket holder's own account (sees only their own tickets and requests).
enum class Role { admin, scanner, viewer, attendee };
std::string_view to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

enum class RegistrationStatus { pending, approved, declined };
std::string_view to_string(RegistrationStatus s);
std::optional<RegistrationStatus> parse_registration_status(std::string_view s);

// `created` (generated, unsold) -> `valid` (sold or issued by approval) -> `used` at the gate;
// `refunded` and `void` end a ticket. A transfer keeps the status and replaces the code.
// Which change is allowed from which status is decided in domain/ticket_state.hpp only.
enum class TicketStatus { created, valid, used, refunded, void_ };
std::string_view to_string(TicketStatus s);
std::optional<TicketStatus> parse_ticket_status(std::string_view s);

struct User {
  Id id = 0;
  std::string username;
  std::string password_hash;
  Role role = Role::viewer;
  std::optional<std::string> email;
  bool active = true;
  Millis created_at = 0;
  // Part of every access token; bumped when credentials or rights change, which ends all the
  // sessions issued before.
  std::int64_t token_version = 0;
  std::optional<std::string> display_name;  // a holder's name, shown on their tickets
  // Set once the holder followed the verification link mailed to `email`; staff accounts are
  // not verified by mail. Only a verified holder address claims, accepts or matches tickets.
  std::optional<Millis> email_verified_at;
  std::optional<std::string> locale;  // holders: the language they signed up in (their mails use it)
  bool email_verified() const { return email_verified_at.has_value(); }
  // Scanners: the events they may scan (docs/devices.md §2; none = none). Empty for other roles.
  std::vector<Id> event_ids;
};

struct Event {
  Id id = 0;
  std::string name;
  std::string slug;
  std::optional<std::string> venue;
  std::optional<Millis> starts_at;
  std::optional<Millis> ends_at;
  std::optional<std::int64_t> capacity;
  std::string serial_prefix;
  bool requires_approval = true;
  bool published = true;
  // Events without approval: how many tickets one email address may get (nullopt: no limit).
  std::optional<std::int64_t> max_tickets_per_email = 1;
  std::string currency = "EUR";  // ISO 4217; prices of the event's ticket types are in it
  std::optional<std::string> mail_text;  // the organiser's words at the end of every mail
  bool reentry = false;  // holders may leave and come back (an exit scan, then entry again)
  // Holders may ask for a refund until then (nullopt: until starts_at; no cut-off without either).
  std::optional<Millis> refunds_until;
  Millis created_at = 0;
  // Name search at the gate (docs/devices.md §5): "none" (default) or "name".
  std::string gate_lookup = "none";
  // docs/privacy.md: housekeeping erases the personal data of the event's registrations, tickets
  // and scans this many days after it ends (nullopt: kept until erased by hand), and notes when.
  std::optional<std::int64_t> personal_data_retention_days;
  std::optional<Millis> personal_data_erased_at;
  std::optional<std::string> description;  // plain text on the form and the holder's ticket
  // Where tickets are offered: "registration" (the public form only), "box_office" (sold by staff
  // only) or "both" (docs/registration.md).
  std::string sales_channel = "both";
  // Registrations one email address may make for the event; 0: no limit. Beyond the first, each
  // is marked a duplicate of the earliest (docs/registration.md).
  std::int64_t registrations_per_email = 1;
  // Issue 24: the language of the event's own texts when a visitor's is not offered, and those
  // texts per language (the default locale's text is also in name/description/mail_text).
  std::string default_locale = "en";
  LocaleTexts name_i18n;
  LocaleTexts description_i18n;
  LocaleTexts mail_text_i18n;
  // Issue 24: the IANA zone its times are shown in (mails, the ticket PDF, the web app), e.g.
  // "Europe/Berlin"; checked against the tz database on write (app/time_zones.hpp).
  std::string time_zone = "UTC";
};

struct Registration {
  Id id = 0;
  Id event_id = 0;
  std::string name;
  std::string email;
  std::optional<std::string> phone;
  std::optional<std::string> team_name;
  std::optional<std::string> members;
  std::optional<std::string> amount;  // decimal kept as text: money is never a double
  RegistrationStatus status = RegistrationStatus::pending;
  std::optional<std::string> decline_reason;
  Millis created_at = 0;
  std::optional<Millis> decided_at;
  // The earliest registration of the same email for the event, when this one was accepted beside
  // it (events allowing more than one per email).
  std::optional<Id> duplicate_of;
  std::string locale = "en";  // the language the person registered in; their mails use it
};

struct Ticket {
  Id id = 0;
  Id event_id = 0;
  std::optional<Id> registration_id;  // set for tickets issued by approving a registration
  std::optional<Id> ticket_type_id;   // set for generated (box-office) tickets
  std::int64_t number = 0;
  std::string serial;
  std::string qr_payload;
  TicketStatus status = TicketStatus::valid;
  Millis issued_at = 0;
  std::optional<Millis> used_at;
  std::optional<Id> used_by;
  std::optional<Millis> voided_at;
  std::optional<std::string> void_reason;
  std::int64_t code_id = 1;  // which code of this ticket the QR is; a transfer increments it
  std::optional<Id> holder_user_id;  // the attendee account that holds it, if any
  std::optional<Id> sale_id;
  std::optional<std::string> price;  // decimal text, in the event's currency
  bool inside = false;                     // admitted and not seen leaving (domain/gate_scan)
  std::optional<std::string> inside_gate;  // the gate of that entry
  std::optional<Millis> claimed_at;        // claimed by its holder: starts the transfer cooling-off
};

// A ticket with what the gate needs to show: who holds it and for which event.
struct TicketView {
  Ticket ticket;
  std::string holder_name;   // empty for a generated ticket not sold yet
  std::string holder_email;
  std::optional<std::string> team_name;
  std::string event_name;
  std::optional<std::string> holder_username;
  std::optional<std::string> ticket_type_name;
  std::string currency = "EUR";
  bool event_reentry = false;  // the event lets holders leave and come back
  // Who bought or registered (docs/accounts.md): never changed by a claim or a transfer.
  std::string purchaser_name;
  std::string purchaser_email;
};

// One scan at a gate (docs/gate-operations.md), admitted or refused.
struct Scan {
  Id id = 0;
  std::optional<Id> event_id;
  std::optional<Id> ticket_id;
  std::optional<std::string> serial;  // read back with the ticket; not stored in scans
  std::optional<std::string> code;    // only when no ticket was found: escaped, bounded
  std::string type;                   // gate_scan::ScanType's name
  std::string result;
  std::optional<std::string> gate;
  std::optional<std::string> device_id;
  std::optional<Id> user_id;
  std::string username;
  Millis scanned_at = 0;
  std::optional<std::string> note;
};

struct AuditEntry {
  Id id = 0;
  std::optional<Id> actor_id;
  std::string actor;  // username, or "public"/"system"
  std::string action;
  std::string entity_type;
  std::optional<std::string> entity_id;
  std::string details_json;  // a JSON object as text
  std::optional<Id> event_id;
  Millis created_at = 0;
};

}  // namespace gatepass
