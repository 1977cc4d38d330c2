// CSV exports, streamed (docs/gate-operations.md).
#include "app/csv_export.hpp"
#include "domain/error.hpp"
#include "domain/gate_scan.hpp"
#include "domain/time.hpp"
#include "http/handlers/handlers.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

namespace {
class CsvStream final : public BodyStream {
 public:
  explicit CsvStream(std::unique_ptr<app::CsvExport> source) : source_(std::move(source)) {}
  bool next(std::string& out) override { return source_->next(out); }

 private:
  std::unique_ptr<app::CsvExport> source_;
};

store::exports::Filter read_filter(const Request& req, store::exports::Kind kind) {
  store::exports::Filter f;
  f.event_id = query_integer(req, "event_id", 1, INT64_MAX);
  f.status = query_text(req, "status", 32);
  f.search = query_text(req, kind == store::exports::Kind::registrations && req.param("q") ? "q" : "search", 200);
  f.batch_id = query_integer(req, "batch_id", 1, INT64_MAX);
  f.gate = query_text(req, "gate", 256);
  f.result = query_text(req, "result", 32);
  f.type = query_text(req, "type", 32);
  if (f.type && !gate_scan::parse_scan_type(*f.type))
    throw Error(ErrorCode::validation, "Bad query parameter",
                {{"type", "must be entry, exit, attendance, entry_check or sale_confirmation"}});
  f.action = query_text(req, "action", 64);
  f.since = query_time(req, "since");
  return f;
}
}  // namespace

void add_export_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/admin/export/{file}", .roles = {Role::admin}, .heavy = true, .max_parallel = 2,
         .summary = "CSV export, streamed: registrations.csv, tickets.csv, scans.csv or audit.csv, filtered like "
                    "their lists (UTF-8 with a BOM; formula cells neutralised)",
         .path = {{"file", schema::one_of({"registrations.csv", "tickets.csv", "scans.csv", "audit.csv"})}},
         .query = {query("event_id", schema::id()),
                   query("status", schema::text().max(32), "registrations and tickets: their status"),
                   query("q", schema::text().max(200), "registrations: search"),
                   query("search", schema::text().max(200), "Search (registrations also take q)"),
                   query("batch_id", schema::id(), "tickets: one generated batch"),
                   query("gate", schema::text().max(256), "scans"),
                   query("result", schema::text().max(32), "scans"),
                   query("type", schema::one_of({"entry", "exit", "attendance", "entry_check", "sale_confirmation"}), "scans"),
                   query("action", schema::text().max(64), "audit"),
                   query("since", schema::time(), "scans and audit: at or after")},
         .replies = {{200, schema::binary(), "text/csv", "CSV with a header row, streamed"}},
         .handler = [](RouteContext& c) {
           const auto& file = c.param("file");
           const auto kind = file.ends_with(".csv") ? app::parse_export_kind(file.substr(0, file.size() - 4)) : std::nullopt;
           if (!kind) throw Error(ErrorCode::not_found, "No export " + file + ": registrations.csv, tickets.csv, scans.csv or audit.csv");
           auto source = std::make_unique<app::CsvExport>(c.app, *kind, read_filter(c.req, *kind));
           Response res;
           res.content_type = "text/csv; charset=utf-8";
           const auto day = format_iso8601(c.app.now()).substr(0, 10);
           res.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"" + std::string(app::to_string(*kind)) + "-" + day + ".csv\"");
           res.headers.emplace_back("Cache-Control", "no-store");
           res.stream = std::make_shared<CsvStream>(std::move(source));
           return res;
         }});
}

}  // namespace gatepass::http
