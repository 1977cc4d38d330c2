#include "app/generate_tickets.hpp"
#include "app/jobs.hpp"
#include "app/ticket_pdf.hpp"
#include "app/tickets.hpp"

#include "http/box_office_json.hpp"
#include "http/file_response.hpp"
#include "http/handlers/handlers.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
Response download(std::string body, const char* type, const std::string& file_name) {
  return file_response(std::move(body), type, file_name, Disposition::attachment);
}

struct GenerateBody {
  Required<std::int64_t> count;
  Required<std::int64_t> ticket_type_id;
  static void document(BodyDoc& d) {
    d.field("count").describe("How many tickets").range(1, app::kMaxGenerateCount);
    d.field("ticket_type_id").describe("A ticket type of this event; its quota must allow `count` more");
    d.example = {{"count", 1000}, {"ticket_type_id", 7}};
  }
};
BOOST_DESCRIBE_STRUCT(GenerateBody, (), (count, ticket_type_id))

Param window(const char* name, std::int64_t min, std::int64_t max, std::string description) {
  return query(name, std::move(schema::integer().range(min, max)), std::move(description));
}
}  // namespace

void add_generation_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/events/{id}/tickets/generate", .roles = {Role::admin}, .writes = true,
         .summary = "Generate unsold tickets of a ticket type in the background: 202 with a job to poll at /api/jobs/{id}; "
                    "409 quota_exceeded",
         .body = json_body<GenerateBody>(), .replies = {accepted(schemas::job(), "Started: poll the job")},
         .handler = [](RouteContext& c) {
           const auto in = decode<GenerateBody>(c.req);
           const auto job =
               app::start_generation(c.app, c.caller(), path_id(c.param("id"), "id"), *in.ticket_type_id, *in.count);
           return json_response(202, to_json(job));
         }});
  r.add({.method = "GET", .pattern = "/api/jobs/{id}", .roles = {Role::admin, Role::viewer},
         .summary = "A background job's progress (done of total) and result", .replies = {ok(schemas::job())},
         .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::get_job(c.app, path_id(c.param("id"), "id"))));
         }});
  r.add({.method = "GET", .pattern = "/api/batches/{id}/export.csv", .roles = {Role::admin}, .heavy = true, .max_parallel = 2,
         .summary = "A generated batch as CSV (serial,payload), up to 100000 rows a file "
                    "(`gatepass tickets export` writes a whole batch)",
         .query = {window("offset", 0, 10'000'000, "Rows to skip (default 0)"),
                   window("limit", 1, 100'000, "Rows in this file (default 100000)")},
         .replies = {Reply{200, schema::binary(), "text/csv", "CSV: a header line serial,payload, then one ticket a line"}},
         .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           const auto offset = query_integer(c.req, "offset", 0, 10'000'000).value_or(0);
           const auto limit = query_integer(c.req, "limit", 1, 100'000).value_or(100'000);
           std::string csv = "serial,payload\r\n";
           for (const auto& t : app::batch_page(c.app, id, offset, limit)) csv += t.serial + "," + t.qr_payload + "\r\n";
           return download(std::move(csv), "text/csv; charset=utf-8", "batch-" + std::to_string(id) + ".csv");
         }});
  r.add({.method = "GET", .pattern = "/api/batches/{id}/sheet.pdf", .roles = {Role::admin}, .heavy = true, .max_parallel = 2,
         .summary = "Printable A4 sheets of a batch, 12 tickets a page (at most 500 tickets a file)",
         .query = {window("offset", 0, 10'000'000, "Tickets to skip (default 0); past the end: 400"),
                   window("limit", 1, 500, "Tickets in this file (default 120)")},
         .replies = {Reply{200, schema::binary(), "application/pdf", "The sheets as a PDF"}},
         .handler = [](RouteContext& c) {
           const Id id = path_id(c.param("id"), "id");
           const auto offset = query_integer(c.req, "offset", 0, 10'000'000).value_or(0);
           const auto limit = query_integer(c.req, "limit", 1, 500).value_or(120);
           const auto codes = app::batch_page(c.app, id, offset, limit);
           if (codes.empty()) throw Error(ErrorCode::validation, "Nothing to print", {{"offset", "is past the end of the batch"}});
           const auto event_name = app::find_ticket(c.app, codes.front().serial).event_name;
           return download(app::render_sheet_pdf(event_name, codes), "application/pdf",
                           "batch-" + std::to_string(id) + "-" + std::to_string(offset) + ".pdf");
         }});
}

}  // namespace gatepass::http
