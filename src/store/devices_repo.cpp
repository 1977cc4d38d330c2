#include "store/devices_repo.hpp"

#include <unordered_map>

#include "store/assignments_repo.hpp"

namespace gatepass::store::devices {

namespace {
const std::string kColumns =
    "id, device_id, name, gate, CASE WHEN token_hash IS NULL THEN 0 ELSE 1 END, pairing_expires_at, created_at, enrolled_at, revoked_at, "
    "last_seen_at, app_version, pack_generated_at, queued_at_last_sync, clock_skew_ms, last_sync_at, sync_floor";

Row from_row(const store::Row& r) {
  Row d;
  d.id = r.integer(0);
  d.device_id = r.text(1);
  d.name = r.text(2);
  d.gate = r.opt_text(3);
  d.enrolled = r.integer(4) != 0;
  d.pairing_expires_at = r.opt_integer(5);
  d.created_at = r.integer(6);
  d.enrolled_at = r.opt_integer(7);
  d.revoked_at = r.opt_integer(8);
  d.last_seen_at = r.opt_integer(9);
  d.app_version = r.opt_text(10);
  d.pack_generated_at = r.opt_integer(11);
  d.queued_at_last_sync = r.opt_integer(12);
  d.clock_skew_ms = r.opt_integer(13);
  d.last_sync_at = r.opt_integer(14);
  d.sync_floor = r.opt_integer(15);
  return d;
}

std::optional<Row> one(Connection& c, const Result& r) {
  if (r.rows.empty()) return std::nullopt;
  auto d = from_row(r.rows[0]);
  d.event_ids = assignments::device_events(c, d.id);
  return d;
}
}  // namespace

Id insert(Connection& c, const std::string& device_id, const std::string& name, const std::optional<std::string>& gate,
          const std::string& pairing_hash, Millis pairing_expires_at, Id created_by, Millis now) {
  return c
      .query("INSERT INTO devices (device_id, name, gate, pairing_hash, pairing_expires_at, created_by, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {device_id, name, opt(gate), pairing_hash, pairing_expires_at, created_by, now})
      .rows.at(0)
      .integer(0);
}

std::optional<Row> find(Connection& c, Id id) {
  return one(c, c.query("SELECT " + kColumns + " FROM devices WHERE id = ?", {id}));
}

std::vector<Row> list(Connection& c) {
  std::vector<Row> out;
  for (const auto& r : c.query("SELECT " + kColumns + " FROM devices ORDER BY id", {}).rows) out.push_back(from_row(r));
  // One query for every device's events rather than one per device.
  std::unordered_map<Id, std::vector<Id>> events;
  for (const auto& r : c.query("SELECT device_ref, event_id FROM device_events ORDER BY device_ref, event_id", {}).rows)
    events[r.integer(0)].push_back(r.integer(1));
  for (auto& d : out)
    if (auto it = events.find(d.id); it != events.end()) d.event_ids = it->second;
  return out;
}

std::optional<Row> find_by_token(Connection& c, const std::string& token_hash) {
  return one(c, c.query("SELECT " + kColumns + " FROM devices WHERE token_hash = ? AND revoked_at IS NULL", {token_hash}));
}

std::optional<Id> redeem_pairing(Connection& c, const std::string& pairing_hash, const std::string& token_hash,
                                 const std::string& app_version, Millis now) {
  auto r = c.query(
      "UPDATE devices SET token_hash = ?, app_version = ?, pairing_hash = NULL, pairing_expires_at = NULL, "
      "enrolled_at = ?, last_seen_at = ? WHERE pairing_hash = ? AND pairing_expires_at > ? AND revoked_at IS NULL "
      "RETURNING id",
      {token_hash, app_version, now, now, pairing_hash, now});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0].integer(0);
}

void update(Connection& c, Id id, const std::string& name, const std::optional<std::string>& gate) {
  c.query("UPDATE devices SET name = ?, gate = ? WHERE id = ?", {name, opt(gate), id});
}

std::int64_t revoke(Connection& c, Id id, Millis now) {
  return c
      .query("UPDATE devices SET token_hash = NULL, pairing_hash = NULL, pairing_expires_at = NULL, revoked_at = ? "
             "WHERE id = ? AND revoked_at IS NULL",
             {now, id})
      .affected;
}

std::int64_t roll(Connection& c, Id id, const std::string& token_hash, const std::string& pairing_hash,
                  Millis pairing_expires_at) {
  return c
      .query("UPDATE devices SET token_hash = ?, pairing_hash = ?, pairing_expires_at = ? WHERE id = ? AND revoked_at IS NULL",
             {token_hash, pairing_hash, pairing_expires_at, id})
      .affected;
}

void touch(Connection& c, Id id, Millis now) {
  c.query("UPDATE devices SET last_seen_at = ? WHERE id = ?", {now, id});
}

void record_pack(Connection& c, Id id, Millis generated_at, Millis now) {
  c.query("UPDATE devices SET pack_generated_at = ?, last_seen_at = ? WHERE id = ?", {generated_at, now, id});
}

void record_sync(Connection& c, Id id, std::int64_t queued, std::optional<std::int64_t> skew_ms, bool complete, Millis now) {
  c.query("UPDATE devices SET queued_at_last_sync = ?, clock_skew_ms = ?, last_sync_at = ?, last_seen_at = ?, "
          "sync_floor = CASE WHEN ? = 1 THEN ? ELSE sync_floor END WHERE id = ?",
          {queued, opt(skew_ms), now, now, std::int64_t{complete ? 1 : 0}, now, id});
}

}  // namespace gatepass::store::devices
