#pragma once
// The offline pack's reads and the uploaded offline scans (docs/offline-gates.md).
//
// Cursors: on SQLite "s<seq>" (offline_changes.seq; one writer commits at a time, so a sequence
// is a safe cursor); on PostgreSQL "x<xid>" (see migrations/postgres/007_offline.sql for why a
// sequence is not). Each is only meaningful to the backend that made it.
#include <optional>
#include <string>
#include <vector>

#include "domain/offline_pack.hpp"
#include "domain/offline_sync.hpp"
#include "store/db.hpp"

namespace gatepass::store::offline {

using gatepass::offline::Key;
using gatepass::offline::StoredScan;
using gatepass::offline::TicketCode;

// Read it BEFORE the state it goes with: a change made in between is then sent again in the next
// delta (harmless, a delta carries current state) rather than never.
std::string current_cursor(Connection& c);
bool valid_cursor(Connection& c, const std::string& cursor);
// Names exactly what this transaction can see of the event's logged ticket changes: equal tokens,
// equal flagged sets. SQLite: the event's newest change-log row (one writer, so nothing commits
// below it; check-ins at other events do not change it); PostgreSQL: the whole snapshot (xmin
// alone would not do: a long transaction holds it still while others commit).
std::string state_token(Connection& c, Id event_id);

std::vector<Key> keys(Connection& c, Id event_id);
// Tickets with a refusal or a replaced code, by number.
std::vector<TicketCode> flagged(Connection& c, Id event_id);
std::int64_t highest_number(Connection& c, Id event_id);  // 0: no ticket yet
std::int64_t ticket_count(Connection& c, Id event_id);
// Tickets changed in [since, upto), each once, as they are now, by number.
std::vector<TicketCode> changed(Connection& c, Id event_id, const std::string& since, const std::string& upto);

std::optional<StoredScan> find_scan(Connection& c, const std::string& nonce);
Id insert_scan(Connection& c, const StoredScan& s);

struct Conflict {
  StoredScan scan;
  std::optional<std::string> ticket_status;
  std::optional<Scan> kept;  // double admission: the admission the server kept
};
std::vector<Conflict> conflicts(Connection& c, Id event_id, std::int64_t limit);

struct Device {
  std::string device_id;
  std::string username;  // of the latest upload
  Millis last_sync_at = 0;
  std::optional<Millis> skew_ms;  // of the latest upload
  std::int64_t scans = 0;
  std::int64_t conflicts = 0;
};
std::vector<Device> devices(Connection& c, Id event_id);

// When the ticket last changed by an admin or holder action (refund, void, sale, transfer).
std::optional<Millis> last_ticket_change(Connection& c, Id ticket_id);
// The latest admission of a ticket (its `scans` row): the one that let the holder in now.
std::optional<Id> latest_admission(Connection& c, Id ticket_id);

}  // namespace gatepass::store::offline
