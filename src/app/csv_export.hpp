#pragma once
// CSV exports of registrations, tickets, scans and the audit log (docs/gate-operations.md),
// produced a page at a time: the HTTP route streams them, `gatepass export` prints them.
#include <string>

#include "app/context.hpp"
#include "store/export_repo.hpp"

namespace gatepass::app {

std::optional<store::exports::Kind> parse_export_kind(std::string_view name);
std::string_view to_string(store::exports::Kind kind);

class CsvExport {
 public:
  static constexpr std::int64_t kPageRows = 2000;
  // Checks the filter (404 for an unknown event) before anything is sent.
  CsvExport(Context& ctx, store::exports::Kind kind, store::exports::Filter filter);
  // Appends the next piece (the BOM and header first, then a page of rows); false after the last.
  bool next(std::string& out);

 private:
  Context& ctx_;
  store::exports::Kind kind_;
  store::exports::Filter filter_;
  Id after_ = 0;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace gatepass::app
