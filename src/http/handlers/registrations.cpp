#include "app/registrations.hpp"

#include "domain/error.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/box_office_json.hpp"
#include "app/bulk_decide.hpp"
#include "http/multipart.hpp"

namespace gatepass::http {

namespace {

app::RegistrationInput from_json(const Request& req) {
  const auto body = parse_json_object(req);
  FieldReader f(body);
  app::RegistrationInput in;
  in.event_id = f.integer("event_id");
  in.name = f.string("name");
  in.email = f.string("email");
  in.phone = f.string("phone");
  in.team_name = f.string("team_name");
  in.members = f.text_or_list("members");
  in.amount = f.decimal("amount");
  f.finish();
  return in;
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
  }
  errors.throw_if_any();
  return in;
}

}  // namespace

void add_registration_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/register", .access = Access::open, .writes = true, .anonymous_write = true,
         .summary = "Register for an event (JSON, or multipart with an optional attachment)",
         .handler = [](RouteContext& c) {
           const auto ct = c.req.header("content-type").value_or("");
           const auto in = ct.starts_with("multipart/form-data") ? from_form(c.req, ct) : from_json(c.req);
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
           return json_response(201, body);
         }});
  r.add({.method = "GET", .pattern = "/api/admin/registrations", .roles = {Role::admin, Role::viewer},
         .summary = "Registrations, newest first; filter by status, event_id, q", .handler = [](RouteContext& c) {
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
             return out;
           });
           const bool full = static_cast<std::int64_t>(rows.items.size()) == page.limit;
           body["next_cursor"] = full ? boost::json::value(std::to_string(rows.items.back().registration.id)) : nullptr;
           return json_response(200, body);
         }});
  r.add({.method = "GET", .pattern = "/api/admin/attachments/{id}", .roles = {Role::admin, Role::viewer},
         .summary = "A registration's attachment (payment screenshot or PDF)", .handler = [](RouteContext& c) {
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
  r.add({.method = "POST", .pattern = "/api/admin/approve/{id}", .roles = {Role::admin}, .writes = true,
         .summary = "Approve a registration and issue its ticket (idempotent)", .handler = [](RouteContext& c) {
           const auto out = app::approve_registration(c.app, c.caller(), path_id(c.param("id"), "id"));
           return json_response(200, {{"status", "approved"},
                                      {"registration_id", out.ticket.ticket.registration_id.value_or(0)},
                                      {"newly_issued", out.newly_issued},
                                      {"ticket", issued_ticket_json(out.ticket.ticket)}});
         }});
  r.add({.method = "POST", .pattern = "/api/admin/registrations/bulk", .roles = {Role::admin}, .writes = true,
         .summary = "Approve or decline many: {action, ids: [..500]} answers per id; {action, filter: {event_id?, q?}} "
                    "decides every pending match as a job (202)",
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
         .summary = "Decline a pending registration, with an optional reason", .handler = [](RouteContext& c) {
           std::optional<std::string> reason;
           if (!c.req.body.empty()) {
             const auto body = parse_json_object(c.req);
             FieldReader f(body);
             reason = f.string("reason");
             f.finish();
           }
           const auto reg = app::decline_registration(c.app, c.caller(), path_id(c.param("id"), "id"), reason);
           return json_response(200, to_json(reg));
         }});
}

}  // namespace gatepass::http
