#pragma once
// Every scan at a gate (docs/gate-operations.md): written with the check-in it belongs to, read
// newest first with keyset paging (a cursor is the last id seen, so page 10,000 costs what page 1
// costs), per ticket, and after an id (the live stream's resume).
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::scans {

Id insert(Connection& c, const Scan& s);

struct Filter {
  std::optional<Id> event_id;
  std::optional<std::string> gate;
  std::optional<std::string> result;
  std::optional<std::string> type;
  std::optional<std::string> device_id;
  std::optional<Id> user_id;
  std::optional<Millis> since;
  std::optional<Id> before_id;  // keyset cursor: only scans older than this one
};
// Newest first.
std::vector<Scan> list(Connection& c, const Filter& f, std::int64_t limit);
// Oldest first.
std::vector<Scan> of_ticket(Connection& c, Id ticket_id, std::int64_t limit);
std::vector<Scan> of_event_after(Connection& c, Id event_id, Id after_id, std::int64_t limit);
std::optional<Id> newest_id(Connection& c, Id event_id);
std::optional<Scan> find(Connection& c, Id id);
// The ticket's last admission (result admitted), if it has one.
std::optional<Scan> last_admission(Connection& c, Id ticket_id);
// The scans with these ids, in no particular order (one query; callers keep the list short).
std::vector<Scan> find_many(Connection& c, const std::vector<Id>& ids);

}  // namespace gatepass::store::scans
