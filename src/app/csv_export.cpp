#include "app/csv_export.hpp"

#include "app/gate_reports.hpp"
#include "app/search/search_index.hpp"
#include "domain/csv.hpp"
#include "domain/time.hpp"

namespace gatepass::app {

using store::exports::Kind;

std::optional<Kind> parse_export_kind(std::string_view name) {
  for (auto k : {Kind::registrations, Kind::tickets, Kind::scans, Kind::audit})
    if (to_string(k) == name) return k;
  return std::nullopt;
}

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::registrations: return "registrations";
    case Kind::tickets: return "tickets";
    case Kind::scans: return "scans";
    case Kind::audit: return "audit";
  }
  return "audit";
}

CsvExport::CsvExport(Context& ctx, Kind kind, store::exports::Filter filter)
    : ctx_(ctx), kind_(kind), filter_(std::move(filter)) {
  if (filter_.event_id) require_event(ctx_, *filter_.event_id);
  if (filter_.search && !filter_.search->empty()) search::catch_up(ctx_.db);
}

namespace {
std::string cell_text(const store::Value& v, bool is_time) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return is_time ? format_iso8601(*i) : std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "";
}
}  // namespace

bool CsvExport::next(std::string& out) {
  if (done_) return false;
  const auto& columns = store::exports::columns(kind_);
  if (!started_) {
    started_ = true;
    out += csv::kBom;
    std::vector<std::string> header;
    for (const auto& c : columns) header.emplace_back(c.name);
    csv::append_row(out, header);
    return true;
  }
  store::exports::PageOf page;
  ctx_.db.read_one([&](store::Connection& c) { page = store::exports::page(c, kind_, filter_, after_, kPageRows); });
  std::vector<std::string> cells(columns.size());
  for (const auto& row : page.rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) cells[i] = cell_text(row.values.at(i), columns[i].time);
    csv::append_row(out, cells);
    after_ = row.integer(columns.size());
  }
  if (static_cast<std::int64_t>(page.rows.size()) < kPageRows) done_ = true;
  return !done_ || !page.rows.empty();
}

}  // namespace gatepass::app
