#include "http/json_io.hpp"

#include "domain/locale.hpp"

#include "domain/personal_data.hpp"
#include "domain/validation.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

#include "domain/time.hpp"

namespace gatepass::http {

namespace json = boost::json;

json::object parse_json_object(const Request& req) {
  if (auto ct = req.header("content-type"); ct && ct->find("application/json") == std::string::npos)
    throw Error(ErrorCode::unsupported_media_type, "Send the body as application/json");
  if (req.body.empty()) throw Error(ErrorCode::validation, "The request body must be a JSON object", {{"body", "is empty"}});
  json::parse_options opts;
  opts.max_depth = 16;
  std::error_code ec;
  json::value v = json::parse(req.body, ec, {}, opts);
  if (ec) throw Error(ErrorCode::validation, "The body is not valid JSON", {{"body", ec.message()}});
  if (!v.is_object()) throw Error(ErrorCode::validation, "The body must be a JSON object", {{"body", "is not an object"}});
  return std::move(v.as_object());
}

std::optional<std::string> FieldReader::string(const char* field) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) {
    errors_.add(field, "must be a string");
    return std::nullopt;
  }
  return std::string(it->value().as_string());
}

std::optional<std::map<std::string, std::string>> FieldReader::text_map(const char* field, std::size_t max_items) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_object()) {
    errors_.add(field, "must be an object of texts, e.g. {\"de\": \"...\"}");
    return std::nullopt;
  }
  const auto& o = it->value().as_object();
  if (o.size() > max_items) {
    errors_.add(field, "must have at most " + std::to_string(max_items) + " members");
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : o) {
    if (!v.is_string()) {
      errors_.add(std::string(field) + "." + std::string(k.substr(0, 35)), "must be a string");
      continue;
    }
    out.emplace(std::string(k), std::string(v.as_string()));
  }
  return out;
}

std::optional<std::int64_t> FieldReader::integer(const char* field) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v.as_uint64());
  // Range first: converting a double outside int64's range (1e400 parses as inf) is undefined.
  if (v.is_double() && std::abs(v.as_double()) < 9e15 && v.as_double() == std::trunc(v.as_double()))
    return static_cast<std::int64_t>(v.as_double());
  errors_.add(field, "must be an integer");
  return std::nullopt;
}

std::optional<std::vector<std::int64_t>> FieldReader::id_list(const char* field, std::size_t max_items) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  const auto* list = it->value().if_array();
  if (!list) {
    errors_.add(field, "must be an array of ids");
    return std::nullopt;
  }
  if (list->size() > max_items) {
    errors_.add(field, "must list at most " + std::to_string(max_items) + " ids");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    std::optional<std::int64_t> id;
    if (v.is_int64() && v.as_int64() > 0) id = v.as_int64();
    else if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) id = static_cast<std::int64_t>(v.as_uint64());
    if (!id) {
      errors_.add(std::string(field) + "[" + std::to_string(i) + "]", "must be a positive integer id");
      continue;
    }
    out.push_back(*id);
  }
  return out;
}

std::optional<bool> FieldReader::boolean(const char* field) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) {
    errors_.add(field, "must be true or false");
    return std::nullopt;
  }
  return it->value().as_bool();
}

std::optional<std::optional<std::string>> FieldReader::nullable_string(const char* field) {
  if (!obj_.contains(field)) return std::nullopt;
  if (obj_.at(field).is_null()) return std::optional<std::string>{};
  auto s = string(field);
  if (!s) return std::nullopt;
  return std::optional<std::string>(*s);
}

std::optional<std::optional<std::int64_t>> FieldReader::nullable_integer(const char* field) {
  if (!obj_.contains(field)) return std::nullopt;
  if (obj_.at(field).is_null()) return std::optional<std::int64_t>{};
  auto i = integer(field);
  if (!i) return std::nullopt;
  return std::optional<std::int64_t>(*i);
}

std::optional<std::string> FieldReader::decimal(const char* field) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_int64() || v.is_uint64()) return json::serialize(v);
  if (v.is_double() && std::isfinite(v.as_double())) {
    // Shortest text that round-trips (12.5 -> "12.5"); validation then limits it to 2 decimals.
    // (1e400 and 0e400 parse as inf and NaN: not numbers a person meant, so a field error below.)
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_double());
    if (ec == std::errc()) return std::string(buf, end);
  }
  errors_.add(field, "must be a number like 12.50");
  return std::nullopt;
}

std::optional<std::string> FieldReader::text_or_list(const char* field) {
  auto it = obj_.find(field);
  if (it == obj_.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_string()) return std::string(it->value().as_string());
  if (it->value().is_array()) {
    std::string out;
    for (const auto& item : it->value().as_array()) {
      if (!item.is_string()) {
        errors_.add(field, "must be a string or a list of strings");
        return std::nullopt;
      }
      if (!out.empty()) out += "\n";
      out += item.as_string();
    }
    return out;
  }
  errors_.add(field, "must be a string or a list of strings");
  return std::nullopt;
}

Response json_response(int status, const json::value& body) {
  Response r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

json::value time_or_null(const std::optional<Millis>& t) {
  if (!t) return nullptr;
  return json::string(format_iso8601(*t));
}

json::value text_or_null(const std::optional<std::string>& t) {
  if (!t) return nullptr;
  return json::string(*t);
}

template <class T>
static json::value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

json::object to_json(const User& u) {
  json::array events;
  for (Id e : u.event_ids) events.push_back(e);
  return {{"id", u.id},
          {"username", u.username},
          {"role", to_string(u.role)},
          {"email", opt(u.email)},
          {"active", u.active},
          {"created_at", format_iso8601(u.created_at)},
          {"event_ids", std::move(events)}};
}

json::object event_json(const Event& e, std::string_view lang, bool with_texts) {
  const auto in = [&](const LocaleTexts& texts, const std::string& plain) {
    return with_texts ? locale::Resolved{plain, e.default_locale} : locale::text_in(texts, plain, lang, e.default_locale);
  };
  const auto name = in(e.name_i18n, e.name);
  const auto maybe = [&](const LocaleTexts& texts, const std::optional<std::string>& plain) -> json::value {
    if (!plain) return nullptr;
    return json::string(in(texts, *plain).text);
  };
  json::object o{{"id", e.id},
          {"name", name.text},
          {"slug", e.slug},
          {"venue", opt(e.venue)},
          {"starts_at", time_or_null(e.starts_at)},
          {"ends_at", time_or_null(e.ends_at)},
          {"capacity", opt(e.capacity)},
          {"serial_prefix", e.serial_prefix},
          {"requires_approval", e.requires_approval},
          {"published", e.published},
          {"max_tickets_per_email", opt(e.max_tickets_per_email)},
          {"currency", e.currency},
          {"mail_text", maybe(e.mail_text_i18n, e.mail_text)},
          {"reentry", e.reentry},
          {"refunds_until", time_or_null(e.refunds_until)},
          {"gate_lookup", e.gate_lookup},
          {"personal_data_retention_days", opt(e.personal_data_retention_days)},
          {"personal_data_erase_at", time_or_null(personal_data::retention_due_at(e))},
          {"personal_data_erased_at", time_or_null(e.personal_data_erased_at)},
          {"description", maybe(e.description_i18n, e.description)},
          {"sales_channel", e.sales_channel},
          {"registrations_per_email", e.registrations_per_email},
          {"locale", name.in},
          {"default_locale", e.default_locale},
          {"time_zone", e.time_zone}};
  if (with_texts) {
    const auto map = [](const LocaleTexts& texts) {
      json::object m;
      for (const auto& [k, v] : texts) m[k] = v;
      return m;
    };
    o["name_i18n"] = map(e.name_i18n);
    o["description_i18n"] = map(e.description_i18n);
    o["mail_text_i18n"] = map(e.mail_text_i18n);
  }
  return o;
}

json::object to_json(const Registration& r) {
  return {{"id", r.id},
          {"event_id", r.event_id},
          {"name", r.name},
          {"email", r.email},
          {"phone", opt(r.phone)},
          {"team_name", opt(r.team_name)},
          {"members", opt(r.members)},
          {"amount", opt(r.amount)},
          {"status", to_string(r.status)},
          {"decline_reason", opt(r.decline_reason)},
          {"created_at", format_iso8601(r.created_at)},
          {"decided_at", time_or_null(r.decided_at)},
          {"duplicate_of", opt(r.duplicate_of)},
          {"locale", r.locale}};
}

json::object to_json(const AuditEntry& e) {
  std::error_code ec;
  json::value details = json::parse(e.details_json, ec);
  if (ec) details = json::object{};
  return {{"id", e.id},
          {"actor", e.actor},
          {"actor_id", opt(e.actor_id)},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", opt(e.entity_id)},
          {"event_id", opt(e.event_id)},
          {"details", details},
          {"created_at", format_iso8601(e.created_at)}};
}

TicketAudience audience_of(Role role) {
  return role == Role::admin || role == Role::viewer ? TicketAudience::staff : TicketAudience::gate;
}

json::object ticket_json(const TicketView& t, TicketAudience audience) {
  // Room for every field below and the dozen a gate answer adds (verify, check-in): growing the
  // object on the way rebuilt its index twice per answer (callgrind, docs/benchmarks.md).
  constexpr std::size_t kRoom = 40;
  json::object out({{"serial", t.ticket.serial},
                    {"status", to_string(t.ticket.status)},
                    {"name", t.holder_name},
                    {"team_name", opt(t.team_name)},
                    {"event_id", t.ticket.event_id},
                    {"event_name", t.event_name},
                    {"issued_at", format_iso8601(t.ticket.issued_at)},
                    {"used_at", time_or_null(t.ticket.used_at)},
                    {"voided_at", time_or_null(t.ticket.voided_at)},
                    {"ticket_type_id", opt(t.ticket.ticket_type_id)},
                    {"ticket_type", opt(t.ticket_type_name)},
                    {"inside", t.ticket.inside},
                    {"inside_gate", opt(t.ticket.inside_gate)}},
                    kRoom);
  if (audience != TicketAudience::gate) {
    out["price"] = opt(t.ticket.price);
    out["currency"] = t.currency;
    out["holder_username"] = opt(t.holder_username);
    out["code_id"] = t.ticket.code_id;
  }
  if (audience == TicketAudience::staff) {
    out["email"] = t.holder_email;
    out["void_reason"] = opt(t.ticket.void_reason);
    out["purchaser_name"] = t.purchaser_name;
    out["purchaser_email"] = t.purchaser_email;
  }
  if (audience == TicketAudience::holder) {
    out["email"] = t.holder_email;  // their own
    out["qr_payload"] = t.ticket.qr_payload;
  }
  return out;
}

json::object login_json(const app::LoginResult& r) {
  json::object out{{"access_token", r.access_token},
                   {"token_type", "bearer"},
                   {"expires_in", r.expires_in_ms / 1000},
                   {"user", {{"id", r.user.id}, {"username", r.user.username}, {"role", to_string(r.user.role)}}}};
  if (r.refresh_token) out["refresh_token"] = *r.refresh_token;
  return out;
}

json::object issued_ticket_json(const Ticket& t) {
  return {{"serial", t.serial},
          {"qr_payload", t.qr_payload},
          {"status", to_string(t.status)},
          {"issued_at", format_iso8601(t.issued_at)},
          {"qr_png_url", "/api/tickets/" + t.serial + "/qr.png"},
          {"qr_svg_url", "/api/tickets/" + t.serial + "/qr.svg"},
          {"ticket_pdf_url", "/api/tickets/" + t.serial + "/ticket.pdf"}};
}

namespace schemas {
using namespace schema;

S role() { return one_of({"admin", "scanner", "viewer", "attendee"}); }
S ticket_status() {
  return std::move(one_of({"created", "valid", "used", "refunded", "void"})
                       .describe("created: generated, not sold; valid: may enter; used: checked in"));
}
S registration_status() { return one_of({"pending", "approved", "declined"}); }

S user() {
  return ref("User", [] {
    return object({{"id", id()},
                   {"username", text().example("gate-1")},
                   {"role", role()},
                   {"email", text().nullable()},
                   {"active", boolean()},
                   {"created_at", time()},
                   {"event_ids", array(id()).describe("Scanners: the events they may scan (none = none)")}});
  });
}

S event() {
  return ref("Event", [] {
    return object({{"id", id()},
                   {"name", text().example("Summer Fest 2026")},
                   {"slug", text().example("summer-fest-2026")},
                   {"venue", text().nullable()},
                   {"starts_at", time().nullable()},
                   {"ends_at", time().nullable()},
                   {"capacity", integer().nullable().describe("At most this many tickets; null: no limit")},
                   {"serial_prefix", text().example("EVT2026")},
                   {"requires_approval", boolean()},
                   {"published", boolean()},
                   {"max_tickets_per_email", integer().nullable()},
                   {"currency", text().example("EUR")},
                   {"mail_text", text().nullable()},
                   {"reentry", boolean().describe("Holders may leave and come back (entry/exit scans)")},
                   {"refunds_until", time().nullable().describe("Holders may ask for refunds until then; null: until starts_at")},
                   {"gate_lookup", one_of({"none", "name"}).describe("name: stewards may search holders by name at the gate")},
                   {"personal_data_retention_days",
                    integer().nullable().describe("Days after the end until the personal data of the event's registrations, "
                                                  "tickets and scans is erased; null: kept (docs/privacy.md)")},
                   {"personal_data_erase_at",
                    time().nullable().describe("When housekeeping erases it (the end, or else the start, plus the days); "
                                               "null: never")},
                   {"personal_data_erased_at", time().nullable().describe("When it was erased; null: not yet")},
                   {"description", text().nullable().describe("Plain text shown on the registration form and the holder's ticket")},
                   {"sales_channel", one_of({"registration", "box_office", "both"})
                                         .describe("Where tickets are offered: the public registration form, the box office, or both")},
                   {"registrations_per_email",
                    integer().describe("Registrations one email address may make; 0: no limit. Beyond the first they are "
                                       "marked duplicates (docs/registration.md)")},
                   {"locale", one_of({"en", "de", "fr", "es"})
                                  .describe("The language name, description and mail_text are in: the request's "
                                            "(?locale=, else Accept-Language) when the organiser gave it, else default_locale")},
                   {"default_locale", one_of({"en", "de", "fr", "es"}).describe("The event's language (docs/languages.md)")},
                   {"time_zone", text().example("Europe/Berlin").describe("IANA time zone the event's times are shown in")},
                   {"name_i18n", locale_texts().optional().describe("Admins: the name per language")},
                   {"description_i18n", locale_texts().optional().describe("Admins: the description per language")},
                   {"mail_text_i18n", locale_texts().optional().describe("Admins: the mail addition per language")}});
  });
}

S registration() {
  return ref("Registration", [] {
    return object({{"id", id()},
                   {"event_id", id()},
                   {"name", text().example("Alice Example")},
                   {"email", text().example("alice@example.com")},
                   {"phone", text().nullable()},
                   {"team_name", text().nullable()},
                   {"members", text().nullable()},
                   {"amount", money().nullable()},
                   {"status", registration_status()},
                   {"decline_reason", text().nullable()},
                   {"created_at", time()},
                   {"decided_at", time().nullable()},
                   {"duplicate_of", integer().nullable().describe(
                                        "The earlier registration of the same email for the event, when the event allows "
                                        "more than one per email; null: not a duplicate")},
                   {"locale", one_of({"en", "de", "fr", "es"}).describe("The language the person registered in; their mails use it")}});
  });
}

S audit_entry() {
  return ref("AuditEntry", [] {
    return object({{"id", id()},
                   {"actor", text().example("admin")},
                   {"actor_id", integer().nullable()},
                   {"action", text().example("registration.approve")},
                   {"entity_type", text().example("registration")},
                   {"entity_id", text().nullable().example("42")},
                   {"event_id", integer().nullable()},
                   {"details", free_object()},
                   {"created_at", time()}});
  });
}

std::vector<Field> ticket_fields(TicketAudience audience) {
  std::vector<Field> f{{"serial", text().example("EVT2025-000123")},
                       {"status", ticket_status()},
                       {"name", text().example("Alice Example")},
                       {"team_name", text().nullable()},
                       {"event_id", id()},
                       {"event_name", text()},
                       {"issued_at", time()},
                       {"used_at", time().nullable()},
                       {"voided_at", time().nullable()},
                       {"ticket_type_id", integer().nullable()},
                       {"ticket_type", text().nullable()},
                       {"inside", boolean()},
                       {"inside_gate", text().nullable()}};
  if (audience == TicketAudience::gate) return f;
  f.push_back({"price", money().nullable()});
  f.push_back({"currency", text().example("EUR")});
  f.push_back({"holder_username", text().nullable()});
  f.push_back({"code_id", integer().describe("Which of the ticket's codes is current (a transfer replaces it)")});
  f.push_back({"email", text()});
  if (audience == TicketAudience::staff) {
    f.push_back({"void_reason", text().nullable()});
    f.push_back({"purchaser_name", text().describe("Who bought or registered (a claim or transfer never changes it)")});
    f.push_back({"purchaser_email", text()});
  } else {
    f.push_back({"qr_payload", text().describe("The signed code to show at the gate")});
  }
  return f;
}

std::vector<Field> gate_ticket_fields() {
  auto f = ticket_fields(TicketAudience::gate);
  const auto gate_count = f.size();
  for (auto& extra : ticket_fields(TicketAudience::staff)) {
    bool known = false;
    for (std::size_t i = 0; i < gate_count; ++i) known = known || f[i].name == extra.name;
    if (!known) {
      extra.schema.optional().describe("Admins only (scanners do not get contact or sale details)");
      f.push_back(std::move(extra));
    }
  }
  return f;
}

S ticket(TicketAudience audience) {
  switch (audience) {
    case TicketAudience::gate:
      return ref("TicketAtGate", [] {
        return std::move(object(ticket_fields(TicketAudience::gate)).describe("What gate staff see: what admission needs, no contact details"));
      });
    case TicketAudience::staff:
      return ref("Ticket", [] { return std::move(object(ticket_fields(TicketAudience::staff)).describe("What admins and viewers see")); });
    case TicketAudience::holder:
      return ref("OwnTicket", [] {
        return std::move(object(ticket_fields(TicketAudience::holder)).describe("The holder's own ticket, with its code"));
      });
  }
  return any();
}

S issued_ticket() {
  return ref("IssuedTicket", [] {
    return object({{"serial", text().example("EVT2025-000123")},
                   {"qr_payload", text().describe("The signed code the QR image holds")},
                   {"status", ticket_status()},
                   {"issued_at", time()},
                   {"qr_png_url", text().example("/api/tickets/EVT2025-000123/qr.png")},
                   {"qr_svg_url", text().example("/api/tickets/EVT2025-000123/qr.svg")},
                   {"ticket_pdf_url", text().example("/api/tickets/EVT2025-000123/ticket.pdf")}});
  });
}
S me() {
  return ref("Me", [] { return object({{"id", id()}, {"username", text().example("admin")}, {"role", role()}}); });
}

S login() {
  return ref("Session", [] {
    return object({{"access_token", text().describe("Send as Authorization: Bearer <access_token>")},
                   {"token_type", one_of({"bearer"})},
                   {"expires_in", integer().describe("Seconds until the token expires").example(43200)},
                   {"user", me()},
                   {"refresh_token", std::move(text().optional().describe(
                                         "Holders only (sign-up, login with account holder, refresh): trade it at "
                                         "POST /api/auth/refresh for a new access token; it works once and lives 30 days"))}});
  });
}
}  // namespace schemas

std::optional<std::int64_t> query_integer(const Request& req, const char* name, std::int64_t min, std::int64_t max) {
  auto v = req.param(name);
  if (!v) return std::nullopt;
  std::int64_t out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size())
    throw Error(ErrorCode::validation, "Bad query parameter", {{name, "must be an integer"}});
  if (out < min || out > max)
    throw Error(ErrorCode::validation, "Bad query parameter",
                {{name, "must be between " + std::to_string(min) + " and " + std::to_string(max)}});
  return out;
}

std::optional<std::string> query_text(const Request& req, const char* name, std::size_t max_bytes) {
  auto v = req.param(name);
  if (!v || v->empty()) return std::nullopt;
  if (v->size() > max_bytes || !validation::is_valid_utf8(*v))
    throw Error(ErrorCode::validation, "Bad query parameter",
                {{name, "must be UTF-8 text of at most " + std::to_string(max_bytes) + " bytes"}});
  return v;
}

std::optional<Millis> query_time(const Request& req, const char* name) {
  auto v = req.param(name);
  if (!v || v->empty()) return std::nullopt;
  auto t = parse_iso8601(*v);
  if (!t) throw Error(ErrorCode::validation, "Bad query parameter", {{name, "must be an ISO 8601 time with a zone"}});
  return t;
}

Id path_id(const std::string& segment, const char* name) {
  Id out = 0;
  auto [end, ec] = std::from_chars(segment.data(), segment.data() + segment.size(), out);
  if (ec != std::errc() || end != segment.data() + segment.size() || out <= 0)
    throw Error(ErrorCode::validation, "Bad id in the path", {{name, "must be a positive integer"}});
  return out;
}

}  // namespace gatepass::http
