#include "app/generate_tickets.hpp"
#include "app/jobs.hpp"
#include "app/ticket_pdf.hpp"
#include "app/tickets.hpp"

#include "http/box_office_json.hpp"
#include "http/file_response.hpp"
#include "http/handlers/handlers.hpp"

namespace gatepass::http {

namespace {
Response download(std::string body, const char* type, const std::string& file_name) {
  return file_response(std::move(body), type, file_name, Disposition::attachment);
}
}  // namespace

void add_generation_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/events/{id}/tickets/generate", .roles = {Role::admin}, .writes = true,
         .summary = "Generate {count} unsold tickets of {ticket_type_id}: 202 with a job to poll at /api/jobs/{id}",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           const auto count = f.integer("count");
           const auto type = f.integer("ticket_type_id");
           if (!count) f.errors().add("count", "is required");
           if (!type) f.errors().add("ticket_type_id", "is required");
           f.finish();
           const auto job = app::start_generation(c.app, c.caller(), path_id(c.param("id"), "id"), *type, *count);
           return json_response(202, to_json(job));
         }});
  r.add({.method = "GET", .pattern = "/api/jobs/{id}", .roles = {Role::admin, Role::viewer},
         .summary = "A background job's progress (done of total) and result", .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::get_job(c.app, path_id(c.param("id"), "id"))));
         }});
  r.add({.method = "GET", .pattern = "/api/batches/{id}/export.csv", .roles = {Role::admin},
         .summary = "A generated batch as CSV (serial,payload), ?offset=&limit= up to 100000 rows a file "
                    "(`gatepass tickets export` writes a whole batch)",
         .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           const auto offset = query_integer(c.req, "offset", 0, 10'000'000).value_or(0);
           const auto limit = query_integer(c.req, "limit", 1, 100'000).value_or(100'000);
           std::string csv = "serial,payload\r\n";
           for (const auto& [serial, payload] : app::batch_page(c.app, id, offset, limit)) csv += serial + "," + payload + "\r\n";
           return download(std::move(csv), "text/csv; charset=utf-8", "batch-" + std::to_string(id) + ".csv");
         }});
  r.add({.method = "GET", .pattern = "/api/batches/{id}/sheet.pdf", .roles = {Role::admin},
         .summary = "Printable A4 sheets of a batch, 12 tickets a page, ?offset=&limit= (at most 500 tickets a file)",
         .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           const auto offset = query_integer(c.req, "offset", 0, 10'000'000).value_or(0);
           const auto limit = query_integer(c.req, "limit", 1, 500).value_or(120);
           const auto codes = app::batch_page(c.app, id, offset, limit);
           if (codes.empty()) throw Error(ErrorCode::validation, "Nothing to print", {{"offset", "is past the end of the batch"}});
           const auto event_name = app::find_ticket(c.app, codes.front().first).event_name;
           return download(app::render_sheet_pdf(event_name, codes), "application/pdf",
                           "batch-" + std::to_string(id) + "-" + std::to_string(offset) + ".pdf");
         }});
}

}  // namespace gatepass::http
