#pragma once
// JSON in and out of the HTTP layer. Reading collects every field problem (missing, wrong type,
// bad value) so a client gets them all in one 400 with `fields`.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/auth.hpp"
#include "domain/error.hpp"
#include "domain/model.hpp"
#include "http/api_schema.hpp"
#include "http/message.hpp"

namespace gatepass::http {

// Parses the body as a JSON object or throws a 400 naming the problem.
boost::json::object parse_json_object(const Request& req);

class FieldReader {
 public:
  explicit FieldReader(const boost::json::object& obj) : obj_(obj) {}
  // Absent or null -> nullopt. Wrong type -> field error.
  std::optional<std::string> string(const char* field);
  std::optional<std::int64_t> integer(const char* field);
  std::optional<bool> boolean(const char* field);
  // Absent -> nullopt; explicit null -> optional(nullopt). For PATCH of nullable fields.
  std::optional<std::optional<std::string>> nullable_string(const char* field);
  std::optional<std::optional<std::int64_t>> nullable_integer(const char* field);
  // A JSON number or numeric string as decimal text (money is never a double).
  std::optional<std::string> decimal(const char* field);
  // Text or an array of texts (joined by newlines), for `members`.
  std::optional<std::string> text_or_list(const char* field);
  // An object of texts, e.g. an organiser's text per language {"de": "..."} (issue 24); at most
  // `max_items` members. Absent or null -> nullopt.
  std::optional<std::map<std::string, std::string>> text_map(const char* field, std::size_t max_items = 16);
  // An array of ids (positive integers), at most `max_items`.
  std::optional<std::vector<std::int64_t>> id_list(const char* field, std::size_t max_items = 200);
  bool has(const char* field) const { return obj_.contains(field); }
  FieldErrors& errors() { return errors_; }
  void finish() const { errors_.throw_if_any(); }

 private:
  const boost::json::object& obj_;
  FieldErrors errors_;
};

Response json_response(int status, const boost::json::value& body);

boost::json::value time_or_null(const std::optional<Millis>& t);
boost::json::value text_or_null(const std::optional<std::string>& t);
boost::json::object to_json(const User& u);
// An event as `locale` reads it (issue 24): name, description and mail_text in that language when
// the organiser gave it, `locale` saying which. with_texts (admins): the plain fields as stored
// (the default locale's, which a write of them sets) and the maps to edit.
boost::json::object event_json(const Event& e, std::string_view locale, bool with_texts);
boost::json::object to_json(const Registration& r);
boost::json::object to_json(const AuditEntry& e);
// What a caller sees of a ticket: holder and state. Gate staff get what admission needs (name,
// team, event, status, times); contact details (email) only go to admins and viewers; the holder
// gets their own ticket with its code (to show at the gate).
enum class TicketAudience { gate, staff, holder };
boost::json::object ticket_json(const TicketView& t, TicketAudience audience);
TicketAudience audience_of(Role role);
// A signed-in session: token, lifetime and who it is (login and sign-up answer with it).
boost::json::object login_json(const app::LoginResult& r);
// What an admin / the holder gets at issue time: serial, payload and image links.
boost::json::object issued_ticket_json(const Ticket& t);

// The schemas of what the writers above produce (named in /api/openapi.json). Keep each next to
// its writer: the API tests check every response against them, field by field.
namespace schemas {
schema::S role();
schema::S ticket_status();
schema::S registration_status();
schema::S user();
schema::S event();
schema::S registration();
schema::S audit_entry();
schema::S ticket(TicketAudience audience);
// The fields of ticket_json for `audience`; gate_fields: what both scanners and admins get at the
// gate (the staff-only ones optional), for answers that add their own fields to a ticket.
std::vector<schema::Field> ticket_fields(TicketAudience audience);
std::vector<schema::Field> gate_ticket_fields();
schema::S issued_ticket();
schema::S login();
schema::S me();
}  // namespace schemas

// Query-string helpers that throw 400 with the parameter named.
std::optional<std::int64_t> query_integer(const Request& req, const char* name, std::int64_t min, std::int64_t max);
// Optional text / time query parameters: empty = absent; too long, not UTF-8 or unparsable -> 400.
std::optional<std::string> query_text(const Request& req, const char* name, std::size_t max_bytes);
std::optional<Millis> query_time(const Request& req, const char* name);
Id path_id(const std::string& segment, const char* name);

}  // namespace gatepass::http
