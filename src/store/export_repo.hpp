#pragma once
// The rows of the CSV exports (docs/gate-operations.md), a page at a time in id order (keyset:
// every page is one short read, so a million rows never sit in memory and deep pages stay fast).
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::exports {

enum class Kind { registrations, tickets, scans, audit };

struct Filter {
  std::optional<Id> event_id;
  std::optional<std::string> status;   // registrations, tickets
  std::optional<std::string> search;   // registrations: name, email or team contains
  std::optional<Id> batch_id;          // tickets
  std::optional<std::string> gate, result, type;  // scans
  std::optional<std::string> action;   // audit
  std::optional<Millis> since;         // scans, audit
};

// Column names and, for each column, whether it holds a time (milliseconds, shown as ISO 8601).
struct Column {
  const char* name;
  bool time = false;
};
const std::vector<Column>& columns(Kind kind);

struct PageOf {
  std::vector<Row> rows;  // values in columns(kind) order, then the row's id (the cursor) last
};
PageOf page(Connection& c, Kind kind, const Filter& f, Id after_id, std::int64_t limit);

}  // namespace gatepass::store::exports
