#include "app/registrations.hpp"

#include "domain/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/box_office_json.hpp"
#include "app/bulk_decide.hpp"
#include "http/multipart.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {

// The registration form. Required fields are checked by the use case, with all the others.
struct RegistrationBody {
  Needed<std::int64_t> event_id;
  Needed<std::string> name;
  Needed<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> team_name;
  TextOrList members;
  Money amount;
  std::optional<std::string> locale;
  static void document(BodyDoc& d) {
    d.field("name").max(200);
    d.field("locale").max(35).describe("The person's language (en, de, fr, es; de-AT is de): their mails are in it. "
                                       "Default: Accept-Language, else the event's default_locale");
    d.field("email").max(254).describe("Where the ticket is sent");
    d.field("phone").max(50);
    d.field("team_name").max(200);
    d.field("amount").describe("What the person says they paid (checked by the admin)");
    d.example = {{"event_id", 1}, {"name", "Alice Example"}, {"email", "alice@example.com"}, {"phone", "+49 30 1234567"},
                 {"team_name", "The Early Birds"}, {"members", boost::json::array{"Alice", "Bob"}}, {"amount", "25.00"}};
  }
};
BOOST_DESCRIBE_STRUCT(RegistrationBody, (), (event_id, name, email, phone, team_name, members, amount, locale))

app::RegistrationInput from_json(const Request& req) {
  const auto body = decode<RegistrationBody>(req);
  app::RegistrationInput in;
  in.event_id = body.event_id;
  in.name = body.name;
  in.email = body.email;
  in.phone = body.phone;
  in.team_name = body.team_name;
  in.members = body.members;
  in.amount = body.amount;
  in.locale = body.locale;
  return in;
}

// The same form as multipart/form-data, with an optional file.
schema::S registration_form_schema() {
  auto s = body_schema<RegistrationBody>().schema.json();
  auto& props = s["properties"].as_object();
  props["members"] = schema::text().describe("One member per line").json();
  props["attachment"] = schema::binary().describe("A payment screenshot or PDF (PNG, JPEG, WebP or PDF)").json();
  return schema::S(std::move(s));
}

struct DeclineBody {
  std::optional<std::string> reason;
  static void document(BodyDoc& d) {
    d.field("reason").max(500).describe("Shown to the person in the decline mail");
    d.example = {{"reason", "The event is full"}};
  }
};
BOOST_DESCRIBE_STRUCT(DeclineBody, (), (reason))

schema::S registration_row() {
  return schema::ref("RegistrationRow", [] {
    auto row = schema::extend(
        schemas::registration(),
        {{"attachments", schema::array(schema::object({{"id", schema::id()},
                                                       {"content_type", schema::text().example("image/png")},
                                                       {"size_bytes", schema::integer()},
                                                       {"original_name", schema::text().nullable()},
                                                       {"url", schema::text().example("/api/admin/attachments/7")}}))},
         {"ticket", schema::object({{"serial", schema::text()}, {"status", schemas::ticket_status()}, {"used_at", schema::time().nullable()}})
                        .nullable()},
         {"duplicate_count", schema::integer().describe("Registrations of the event with this email that are not declined, "
                                                        "this one included (1: no other)")}});
    return std::move(row.describe("A registration with its attachments and ticket (admin list)"));
  });
}

// The register route's 409: already_registered names when and under which reference the address
// registered (a date and a number, nothing of the person); the other refusals (wrong_sales_channel,
// duplicate_email, a full or closed event) carry the code and message only.
schema::S registration_refusal() {
  return schema::ref("RegistrationRefusal", [] {
    auto error = schema::object(
        {{"code", schema::text().example("already_registered")},
         {"message", schema::text()},
         {"fields", schema::free_object()},
         {"registered_at", schema::time().optional().describe("already_registered: when the address registered first")},
         {"reference", schema::id().optional().describe("already_registered: that registration's reference (its id)")}});
    return schema::object({{"error", std::move(error)}});
  });
}

// multipart/form-data: the same fields as text parts, plus an optional `attachment` file part.
app::RegistrationInput from_form(const Request& req, const std::string& content_type) {
  const auto parts = parse_multipart(req.body, content_type);
  app::RegistrationInput in;
  FieldErrors errors;
  for (const auto& p : parts) {
    if (p.name == "attachment" && p.filename) {
      if (!p.data.empty()) in.attachment = app::Attachment{p.data, p.filename};
    } else if (p.name == "event_id") {
      try {
        std::size_t used = 0;
        in.event_id = std::stoll(p.data, &used);
        if (used != p.data.size()) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        errors.add("event_id", "must be an integer");
      }
    } else if (p.name == "name") in.name = p.data;
    else if (p.name == "email") in.email = p.data;
    else if (p.name == "phone") in.phone = p.data;
    else if (p.name == "team_name") in.team_name = p.data;
    else if (p.name == "members") in.members = p.data;
    else if (p.name == "amount" && !p.data.empty()) in.amount = p.data;
    else if (p.name == "locale" && !p.data.empty()) in.locale = p.data;
  }
  errors.throw_if_any();
  return in;
}

}  // namespace

void add_registration_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/register", .access = Access::open, .writes = true, .commit_fiber = true,
         .fiber_on_postgres = true, .anonymous_write = true,
         .summary = "Register for an event (JSON, or multipart with an optional attachment)",
         .body = [] {
           auto b = json_body<RegistrationBody>();
           b.also.emplace_back("multipart/form-data", registration_form_schema());
           return b;
         }(),
         .replies = {created(schema::object({{"id", schema::id()},
                                             {"event_id", schema::id()},
                                             {"status", schemas::registration_status()},
                                             {"ticket", schema::object({{"serial", schema::text().example("EVT2025-000123")},
                                                                        {"qr_payload", schema::text()},
                                                                        {"event_name", schema::text()}})
                                                            .optional()
                                                            .describe("Only for events without approval: the ticket at once")}}),
                             "Stored: pending until an admin decides (or with its ticket at once)"),
                     {409, registration_refusal(), "application/json",
                      "Refused: already_registered (with registered_at and reference), wrong_sales_channel (a box-office-only "
                      "event), duplicate_email, or the event is full or over (conflict)"}},
         .handler = [](RouteContext& c) {
           const auto ct = c.req.header("content-type").value_or("");
           auto in = ct.starts_with("multipart/form-data") ? from_form(c.req, ct) : from_json(c.req);
           if (const auto al = c.req.header("accept-language"); al && al->size() <= 1024) in.accept_language = std::string(*al);
           const auto out = app::submit_registration(c.app, in);
           // The public answer names only what the person typed in and what happens next.
           boost::json::object body{{"id", out.registration.id},
                                    {"event_id", out.registration.event_id},
                                    {"status", to_string(out.registration.status)}};
           if (out.ticket) {
             body["ticket"] = {{"serial", out.ticket->ticket.serial},
                               {"qr_payload", out.ticket->ticket.qr_payload},
                               {"event_name", out.ticket->event_name}};
           }
           return json_response(201, std::move(body));
         }});
  r.add({.method = "GET", .pattern = "/api/admin/registrations", .roles = {Role::admin, Role::viewer},
         .summary = "Registrations, newest first; filter by status, event_id, q",
         .query = paging({query("status", schemas::registration_status()), query("event_id", schema::id()),
                          query("q", schema::text().max(200), "Search names, emails, teams and serials"),
                          query("after", schema::text(), "The previous page's next_cursor (keyset paging)")}),
         .replies = {ok(schema::object({{"items", schema::array(registration_row())},
                                        {"total", schema::integer()},
                                        {"limit", schema::integer()},
                                        {"offset", schema::integer()},
                                        {"next_cursor", schema::text().nullable()}}))},
         .handler = [](RouteContext& c) {
           store::registrations::Filter f;
           if (auto s = c.req.param("status"); s && !s->empty()) {
             f.status = parse_registration_status(*s);
             if (!f.status)
               throw Error(ErrorCode::validation, "Bad status", {{"status", "must be pending, approved or declined"}});
           }
           f.event_id = query_integer(c.req, "event_id", 1, INT64_MAX);
           if (auto q = c.req.param("q"); q && !q->empty()) {
             if (q->size() > 200) throw Error(ErrorCode::validation, "Bad search", {{"q", "must be at most 200 bytes"}});
             f.search = *q;
           }
           // Keyset paging: ?after=<next_cursor> continues below the last row seen (deep pages stay fast).
           f.before_id = query_integer(c.req, "after", 1, INT64_MAX);
           const auto page = page_request(c.req);
           const auto rows = app::list_registrations(c.app, f, page);
           auto body = page_object(rows, page, [](const app::RegistrationRow& row) {
             auto out = to_json(row.registration);
             boost::json::array attachments;
             for (const auto& a : row.attachments)
               attachments.push_back({{"id", a.id},
                                      {"content_type", a.row.content_type},
                                      {"size_bytes", a.row.size_bytes},
                                      {"original_name", a.row.original_name ? boost::json::value(*a.row.original_name) : nullptr},
                                      {"url", "/api/admin/attachments/" + std::to_string(a.id)}});
             out["attachments"] = std::move(attachments);
             if (row.ticket)
               out["ticket"] = {{"serial", row.ticket->serial},
                                {"status", to_string(row.ticket->status)},
                                {"used_at", time_or_null(row.ticket->used_at)}};
             else
               out["ticket"] = nullptr;
             out["duplicate_count"] = row.duplicate_count;
             return out;
           });
           const bool full = static_cast<std::int64_t>(rows.items.size()) == page.limit;
           body["next_cursor"] = full ? boost::json::value(std::to_string(rows.items.back().registration.id)) : nullptr;
           return json_response(200, std::move(body));
         }});
  r.add({.method = "GET", .pattern = "/api/admin/attachments/{id}", .roles = {Role::admin, Role::viewer},
         .summary = "A registration's attachment (payment screenshot or PDF)",
         .replies = {{200, schema::binary(), "image/png", "The file as uploaded"},
                     {200, schema::binary(), "image/jpeg", ""},
                     {200, schema::binary(), "image/webp", ""},
                     {200, schema::binary(), "application/pdf", ""}},
         .handler = [](RouteContext& c) {
           auto file = app::read_attachment(c.app, path_id(c.param("id"), "id"));
           Response res;
           res.content_type = file.content_type;
           res.body = std::move(file.bytes);
           // Uploaded by the public: never let it run as a page of ours, keep it out of caches.
           res.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
           res.headers.emplace_back("Cache-Control", "private, no-store");
           res.headers.emplace_back("Content-Disposition", "inline; filename=\"" + file.file_name + "\"");
           return res;
         }});
  r.add({.method = "POST", .pattern = "/api/admin/approve/{id}", .roles = {Role::admin}, .writes = true, .commit_fiber = true,
         .fiber_on_postgres = true,
         .summary = "Approve a registration and issue its ticket (idempotent)",
         .replies = {ok(schema::object({{"status", schema::one_of({"approved"})},
                                        {"registration_id", schema::id()},
                                        {"newly_issued", schema::boolean().describe("false: it was approved before; the same ticket")},
                                        {"ticket", schemas::issued_ticket()}}))},
         .handler = [](RouteContext& c) {
           const auto out = app::approve_registration(c.app, c.caller(), path_id(c.param("id"), "id"));
           return json_response(200, {{"status", "approved"},
                                      {"registration_id", out.ticket.ticket.registration_id.value_or(0)},
                                      {"newly_issued", out.newly_issued},
                                      {"ticket", issued_ticket_json(out.ticket.ticket)}});
         }});
  r.add({.method = "POST", .pattern = "/api/admin/registrations/bulk", .roles = {Role::admin}, .writes = true,
         .summary = "Approve or decline many: {action, ids: [..500]} answers per id; {action, filter: {event_id?, q?}} "
                    "decides every pending match as a job (202)",
         .body = Body{"application/json",
                      schema::object({{"action", schema::one_of({"approve", "decline"})},
                                      {"reason", schema::text().max(500).optional().describe("For declines")},
                                      {"ids", schema::array(schema::id()).max(app::kMaxBulkIds).optional().describe("Give ids or filter")},
                                      {"filter", schema::object({{"event_id", schema::id().optional()},
                                                                 {"q", schema::text().max(200).optional()}})
                                                     .optional()
                                                     .describe("Every pending registration that matches, decided as a background job")}}),
                      {{"action", "approve"}, {"ids", boost::json::array{12, 13, 14}}}},
         .replies = {ok(schema::object({{"results", schema::array(schema::object(
                                                        {{"id", schema::id()},
                                                         {"ok", schema::boolean()},
                                                         {"serial", schema::text().optional()},
                                                         {"error", schema::object({{"code", schema::text()}, {"message", schema::text()}}).optional()}}))}}),
                        "One result per id"),
                     accepted(schemas::job(), "The filter's matches are decided by a job; poll GET /api/jobs/{id}")},
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           const auto action = f.string("action");
           const auto reason = f.string("reason");
           if (action != "approve" && action != "decline") f.errors().add("action", "must be approve or decline");
           const bool has_ids = body.contains("ids"), has_filter = body.contains("filter");
           if (has_ids == has_filter) f.errors().add("ids", "give either ids or filter");
           std::vector<Id> ids;
           if (has_ids) {
             const auto* arr = body.at("ids").if_array();
             if (!arr) f.errors().add("ids", "must be an array of registration ids");
             else if (arr->size() > app::kMaxBulkIds) f.errors().add("ids", "at most 500 at once; use filter for more");
             else
               for (const auto& v : *arr) {
                 if (!v.is_int64() || v.as_int64() < 1) {
                   f.errors().add("ids", "must be positive integers");
                   break;
                 }
                 ids.push_back(v.as_int64());
               }
           }
           store::registrations::Filter filter;
           if (has_filter) {
             const auto* obj = body.at("filter").if_object();
             if (!obj) f.errors().add("filter", "must be an object {event_id?, q?}");
             else {
               FieldReader ff(*obj);
               filter.event_id = ff.integer("event_id");
               filter.search = ff.string("q");
               if (filter.search && filter.search->size() > 200) f.errors().add("filter.q", "at most 200 bytes");
               for (const auto& [field, why] : ff.errors().fields()) f.errors().add("filter." + field, why);
             }
           }
           f.finish();
           const auto decision = *action == "approve" ? app::Decision::approve : app::Decision::decline;
           if (has_filter) return json_response(202, to_json(app::start_bulk_decision(c.app, c.caller(), decision, filter, reason)));
           boost::json::array results;
           for (const auto& d : app::decide_registrations(c.app, c.caller(), decision, ids, reason)) {
             boost::json::object o{{"id", d.id}, {"ok", d.ok}};
             if (d.serial) o["serial"] = *d.serial;
             if (d.error_code) o["error"] = {{"code", *d.error_code}, {"message", *d.error_message}};
             results.push_back(std::move(o));
           }
           return json_response(200, boost::json::object{{"results", std::move(results)}});
         }});
  r.add({.method = "POST", .pattern = "/api/admin/decline/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Decline a pending registration, with an optional reason",
         .body = optional_json_body<DeclineBody>(),
         .replies = {ok(schemas::registration())}, .handler = [](RouteContext& c) {
           const auto reason = decode_optional<DeclineBody>(c.req).reason;
           const auto reg = app::decline_registration(c.app, c.caller(), path_id(c.param("id"), "id"), reason);
           return json_response(200, to_json(reg));
         }});
}

}  // namespace gatepass::http
