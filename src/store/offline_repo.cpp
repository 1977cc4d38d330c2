#include "store/offline_repo.hpp"

#include <algorithm>
#include <unordered_map>

#include "domain/crypto.hpp"
#include "domain/ticket_token.hpp"
#include "store/scans_repo.hpp"

namespace gatepass::store::offline {

namespace {
bool is_postgres(Connection& c) { return c.dialect() == Dialect::postgres; }

char cursor_prefix(Connection& c) { return is_postgres(c) ? 'x' : 's'; }

// The number part of a cursor of this backend (validated by valid_cursor()).
std::string cursor_value(const std::string& cursor) { return cursor.substr(1); }

// Tickets rows -> pack entries; the nonce is read from the stored code itself.
std::vector<TicketCode> codes(const Result& result) {
  std::vector<TicketCode> out;
  out.reserve(result.rows.size());
  for (const auto& r : result.rows) {
    TicketCode t;
    t.number = r.integer(0);
    t.status = parse_ticket_status(r.text(1)).value_or(TicketStatus::void_);
    if (auto payload = r.opt_text(2))
      if (auto claims = ticket_token::peek(*payload)) t.nonce = claims->nonce;
    t.code_id = r.integer(3);
    t.inside = r.integer(4) != 0;
    out.push_back(t);
  }
  return out;
}

const std::string kScanColumns =
    "o.id, o.nonce, o.device_id, o.event_id, o.ticket_id, t.serial, o.scan_id, o.code, o.gate, o.user_id, o.username, "
    "o.device_scanned_at, o.scanned_at, o.received_at, o.skew_ms, o.outcome, o.reason, o.server_scan_id, o.server_at";

StoredScan scan_from_row(const Row& r) {
  StoredScan s;
  s.id = r.integer(0);
  s.nonce = r.text(1);
  s.device_id = r.text(2);
  s.event_id = r.opt_integer(3);
  s.ticket_id = r.opt_integer(4);
  s.serial = r.opt_text(5);
  s.scan_id = r.opt_integer(6);
  s.code = r.opt_text(7);
  s.gate = r.opt_text(8);
  s.user_id = r.opt_integer(9);
  s.username = r.text(10);
  s.device_scanned_at = r.integer(11);
  s.scanned_at = r.integer(12);
  s.received_at = r.integer(13);
  s.skew_ms = r.opt_integer(14);
  s.outcome = r.text(15);
  s.reason = r.opt_text(16);
  s.server_scan_id = r.opt_integer(17);
  s.server_at = r.opt_integer(18);
  return s;
}
}  // namespace

std::string current_cursor(Connection& c) {
  if (is_postgres(c)) return "x" + c.query("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", {}).rows.at(0).text(0);
  return "s" + std::to_string(c.query("SELECT COALESCE(MAX(seq), 0) FROM offline_changes", {}).rows.at(0).integer(0));
}

std::string state_token(Connection& c, Id event_id) {
  if (is_postgres(c)) return c.query("SELECT pg_current_snapshot()::text", {}).rows.at(0).text(0);
  return std::to_string(
      c.query("SELECT COALESCE(MAX(seq), 0) FROM offline_changes WHERE event_id = ?", {event_id}).rows.at(0).integer(0));
}

bool valid_cursor(Connection& c, const std::string& cursor) {
  if (cursor.size() < 2 || cursor.size() > 21 || cursor[0] != cursor_prefix(c)) return false;
  return std::all_of(cursor.begin() + 1, cursor.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

std::vector<Key> keys(Connection& c, Id event_id) {
  std::vector<Key> out;
  for (const auto& r : c.query("SELECT id, public_key, active FROM event_keys WHERE event_id = ? ORDER BY id", {event_id}).rows) {
    Key k;
    k.key_id = r.integer(0);
    if (auto raw = crypto::from_hex(r.text(1))) k.public_key.assign(raw->begin(), raw->end());
    k.active = r.integer(2) != 0;
    out.push_back(std::move(k));
  }
  return out;
}

std::vector<TicketCode> flagged(Connection& c, Id event_id) {
  // The payload (for its nonce) only of replaced codes: a 100,000-ticket event with half of it
  // admitted does not decode 50,000 stored codes to build the pack.
  return codes(c.query("SELECT number, status, CASE WHEN code_id > 1 THEN qr_payload END, code_id, inside FROM tickets "
                       "WHERE event_id = ? AND (status IN ('created','refunded','void','used') OR code_id > 1 OR inside = 1) "
                       "ORDER BY number",
                       {event_id}));
}

std::int64_t highest_number(Connection& c, Id event_id) {
  // The end of the (event_id, number) index: one step, however many tickets.
  return c.query("SELECT COALESCE(MAX(number), 0) FROM tickets WHERE event_id = ?", {event_id}).rows.at(0).integer(0);
}

std::int64_t ticket_count(Connection& c, Id event_id) {
  return c.query("SELECT COUNT(*) FROM tickets WHERE event_id = ?", {event_id}).rows.at(0).integer(0);
}

std::vector<TicketCode> changed(Connection& c, Id event_id, const std::string& since, const std::string& upto) {
  static const std::string select = "SELECT number, status, qr_payload, code_id, inside FROM tickets WHERE id IN ";
  if (is_postgres(c))
    return codes(c.query(select + "(SELECT ticket_id FROM offline_changes WHERE event_id = ? AND tx >= ?::xid8 AND "
                                  "tx < ?::xid8) ORDER BY number",
                         {event_id, cursor_value(since), cursor_value(upto)}));
  return codes(c.query(select + "(SELECT ticket_id FROM offline_changes WHERE event_id = ? AND seq > ? AND seq <= ?) "
                                "ORDER BY number",
                       {event_id, std::stoll(cursor_value(since)), std::stoll(cursor_value(upto))}));
}

std::optional<StoredScan> find_scan(Connection& c, const std::string& nonce) {
  auto r = c.query("SELECT " + kScanColumns + " FROM offline_scans o LEFT JOIN tickets t ON t.id = o.ticket_id "
                   "WHERE o.nonce = ?", {nonce});
  if (r.rows.empty()) return std::nullopt;
  return scan_from_row(r.rows.front());
}

Id insert_scan(Connection& c, const StoredScan& s) {
  return c
      .query("INSERT INTO offline_scans (nonce, device_id, event_id, ticket_id, scan_id, code, gate, user_id, username, "
             "device_scanned_at, scanned_at, received_at, skew_ms, outcome, reason, server_scan_id, server_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {s.nonce, s.device_id, opt(s.event_id), opt(s.ticket_id), opt(s.scan_id), opt(s.code), opt(s.gate),
              opt(s.user_id), s.username, s.device_scanned_at, s.scanned_at, s.received_at, opt(s.skew_ms), s.outcome,
              opt(s.reason), opt(s.server_scan_id), opt(s.server_at)})
      .rows.at(0)
      .integer(0);
}

std::vector<Conflict> conflicts(Connection& c, Id event_id, std::int64_t limit) {
  std::vector<Conflict> out;
  for (const auto& r : c.query("SELECT " + kScanColumns + ", t.status FROM offline_scans o "
                               "LEFT JOIN tickets t ON t.id = o.ticket_id "
                               "WHERE o.event_id = ? AND (o.outcome = 'conflict' OR o.reason = 'already_recorded') "
                               "ORDER BY o.id DESC LIMIT ?",
                               {event_id, limit})
                           .rows) {
    Conflict x;
    x.scan = scan_from_row(r);
    x.ticket_status = r.opt_text(19);
    out.push_back(std::move(x));
  }
  // The decisions the server kept, fetched in one query rather than one per conflict.
  std::vector<Id> kept_ids;
  for (const auto& x : out)
    if (x.scan.server_scan_id) kept_ids.push_back(*x.scan.server_scan_id);
  std::unordered_map<Id, Scan> kept;
  for (auto& s : scans::find_many(c, kept_ids)) kept.emplace(s.id, std::move(s));
  for (auto& x : out) {
    if (!x.scan.server_scan_id) continue;
    if (auto it = kept.find(*x.scan.server_scan_id); it != kept.end()) x.kept = it->second;
  }
  return out;
}

std::vector<Device> devices(Connection& c, Id event_id) {
  std::vector<Device> out;
  // Per device: its counts, and its latest upload (who used it, when it last synced, its clock then).
  for (const auto& r :
       c.query("SELECT d.device_id, d.scans, d.conflicts, o.username, o.received_at, o.skew_ms FROM "
               "(SELECT device_id, COUNT(*) AS scans, SUM(CASE WHEN outcome = 'conflict' THEN 1 ELSE 0 END) AS conflicts, "
               "MAX(id) AS latest_id FROM offline_scans WHERE event_id = ? GROUP BY device_id) d "
               "JOIN offline_scans o ON o.id = d.latest_id ORDER BY d.device_id",
               {event_id})
           .rows) {
    Device d;
    d.device_id = r.text(0);
    d.scans = r.integer(1);
    d.conflicts = r.integer(2);
    d.username = r.text(3);
    d.last_sync_at = r.integer(4);
    d.skew_ms = r.opt_integer(5);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<Millis> last_ticket_change(Connection& c, Id ticket_id) {
  auto r = c.query("SELECT MAX(at) FROM ticket_events WHERE ticket_id = ?", {ticket_id});
  return r.rows.at(0).opt_integer(0);
}

std::optional<Id> latest_admission(Connection& c, Id ticket_id) {
  auto r = c.query("SELECT id FROM scans WHERE ticket_id = ? AND type = 'entry' AND result = 'admitted' ORDER BY id DESC LIMIT 1",
                   {ticket_id});
  if (r.rows.empty()) return std::nullopt;
  return r.rows.front().integer(0);
}

}  // namespace gatepass::store::offline
