#include "http/offline_json.hpp"

#include <boost/json.hpp>

#include "domain/crypto.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

namespace json = boost::json;

namespace {
std::string base64url(const std::string& bytes) {
  return crypto::to_base64url(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

json::value opt_text(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt_int(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }
}  // namespace

json::object to_json(const offline::Pack& pack) {
  json::array keys;
  for (const auto& k : pack.keys)
    keys.push_back({{"key_id", k.key_id}, {"public_key", base64url(k.public_key)}, {"active", k.active}});
  json::object out{
      {"format", 1},
      {"full", pack.full},
      {"event",
       {{"id", pack.event_id}, {"name", pack.event_name}, {"serial_prefix", pack.serial_prefix}, {"reentry", pack.reentry},
        {"highest_number", pack.highest_number}}},
      {"cursor", pack.cursor},
      {"generated_at", time_or_null(pack.generated_at)},
      {"stale_after_seconds", kPackStaleAfterSeconds},
      {"keys", std::move(keys)},
  };
  if (pack.full) {
    const auto sets = offline::refusal_sets(pack.flagged, pack.reentry);
    out["refused"] = {{"not_sold", base64url(offline::encode_ranges(sets.not_sold))},
                      {"refunded", base64url(offline::encode_ranges(sets.refunded))},
                      {"void", base64url(offline::encode_ranges(sets.void_))}};
    out["reissued"] = base64url(offline::encode_reissued(sets.reissued));
    out["admitted"] = {{"used", base64url(offline::encode_ranges(sets.used))},
                       {"inside", base64url(offline::encode_ranges(sets.inside))}};
    out["counts"] = {{"tickets", pack.tickets},
                     {"not_sold", static_cast<std::int64_t>(sets.not_sold.size())},
                     {"refunded", static_cast<std::int64_t>(sets.refunded.size())},
                     {"void", static_cast<std::int64_t>(sets.void_.size())},
                     {"reissued", static_cast<std::int64_t>(sets.reissued.size())},
                     {"used", static_cast<std::int64_t>(sets.used.size())},
                     {"inside", static_cast<std::int64_t>(sets.inside.size())}};
  } else {
    json::array changes;
    for (const auto& t : pack.changes) {
      const auto why = offline::refusal_of(t.status);
      changes.push_back({{"number", t.number},
                         {"refused", why ? json::value(std::string(*why)) : json::value(nullptr)},
                         {"nonce", t.nonce},
                         {"used", t.status == TicketStatus::used},
                         {"inside", pack.reentry && t.inside}});
    }
    out["changes"] = std::move(changes);
  }
  return out;
}

json::object to_json(const app::OfflineSyncAnswer& a) {
  json::array results;
  for (const auto& r : a.results)
    results.push_back({{"nonce", r.nonce},
                       {"outcome", r.outcome},
                       {"reason", opt_text(r.reason)},
                       {"serial", opt_text(r.serial)},
                       {"replayed", r.replayed}});
  return {{"device_id", a.device_id},
          {"skew_ms", opt_int(a.skew_ms)},
          {"results", std::move(results)},
          {"summary", {{"admitted", a.admitted}, {"conflicts", a.conflicts}, {"invalid", a.invalid}, {"replayed", a.replayed}}}};
}

json::object to_json(const app::ConflictReport& report) {
  json::array items;
  for (const auto& x : report.items) {
    const auto& s = x.scan;
    json::object server{{"decision", s.reason && *s.reason == "double_admission" ? json::value("already_used")
                                                                                  : opt_text(s.reason)},
                        {"at", time_or_null(s.server_at)},
                        {"device_id", nullptr},
                        {"gate", nullptr},
                        {"user", nullptr}};
    if (x.kept) {
      server["at"] = time_or_null(x.kept->scanned_at);
      server["device_id"] = opt_text(x.kept->device_id);
      server["gate"] = opt_text(x.kept->gate);
      server["user"] = x.kept->username;
      server["offline"] = x.kept->note && *x.kept->note == "offline";
    }
    items.push_back({{"id", s.id},
                     {"reason", opt_text(s.reason)},
                     {"ticket", {{"serial", opt_text(s.serial)}, {"status", opt_text(x.ticket_status)}}},
                     {"scan",
                      {{"device_id", s.device_id},
                       {"gate", opt_text(s.gate)},
                       {"user", s.username},
                       {"scanned_at", time_or_null(s.scanned_at)},
                       {"device_scanned_at", time_or_null(s.device_scanned_at)},
                       {"received_at", time_or_null(s.received_at)}}},
                     {"server", std::move(server)}});
  }
  json::array devices;
  for (const auto& d : report.devices)
    devices.push_back({{"device_id", d.device_id},
                       {"user", d.username},
                       {"last_sync_at", time_or_null(d.last_sync_at)},
                       {"skew_ms", opt_int(d.skew_ms)},
                       {"scans", d.scans},
                       {"conflicts", d.conflicts}});
  return {{"items", std::move(items)}, {"devices", std::move(devices)}};
}

namespace schemas {
using namespace schema;

S offline_pack() {
  return ref("OfflinePack", [] {
    S ranges = text().describe("base64url of the varint range encoding (docs/offline-gates.md)");
    return std::move(
        object({{"format", integer().example(1)},
                {"full", boolean().describe("true: a whole pack; false: a delta since the cursor sent")},
                {"event", object({{"id", id()}, {"name", text()}, {"serial_prefix", text()}, {"reentry", boolean()},
                                   {"highest_number", integer().describe("The highest ticket number issued so far (0: none); "
                                                                         "a serial typed offline above it names no ticket")}})},
                {"cursor", text().example("s1234").describe("Opaque; send back as ?since= for a delta")},
                {"generated_at", time().nullable()},
                {"stale_after_seconds", integer()},
                {"keys", array(object({{"key_id", integer()}, {"public_key", text().describe("Ed25519, base64url")}, {"active", boolean()}}))},
                {"refused", object({{"not_sold", ranges}, {"refunded", ranges}, {"void", ranges}}).optional()},
                {"reissued", text().optional().describe("base64url of (number, current nonce) pairs")},
                {"admitted", object({{"used", ranges.describe("Tickets admitted at least once")},
                                     {"inside", ranges.describe("Re-entry events: tickets inside now (else empty)")}})
                                 .optional()},
                {"counts", object({{"tickets", integer()}, {"not_sold", integer()}, {"refunded", integer()}, {"void", integer()},
                                   {"reissued", integer()}, {"used", integer()}, {"inside", integer()}}).optional()},
                {"changes", array(object({{"number", integer()},
                                          {"refused", one_of({"not_sold", "refunded", "void"}).nullable()},
                                          {"nonce", integer()},
                                          {"used", boolean()},
                                          {"inside", boolean().describe("Re-entry events only")}}))
                                .optional()
                                .describe("Delta only: each changed ticket once, as it is now")}})
            .describe("A full pack has refused, reissued and counts; a delta has changes"));
  });
}

S offline_upload() {
  return ref("OfflineUpload", [] {
    return object({{"device_id", text().max(64).example("phone-7").optional().describe(
                                     "A shared phone's name (scanner users); an enrolled device is named by its token")},
                   {"sent_at", time().optional().describe("The device's clock when sending: corrects every scan time by the skew")},
                   {"queued", integer().optional().describe("Scans the device had queued when sending (this batch included)")},
                   {"scans", array(object({{"code", text().describe("The QR payload as scanned")},
                                           {"nonce", text().describe("Unique per scan: a retry with the same nonce is a replay")},
                                           {"scanned_at", time()},
                                           {"gate", text().optional().nullable()},
                                           {"type", one_of({"entry", "exit"}).optional().describe("Default entry")}}))
                                 .max(offline::kMaxScansPerUpload)}});
  });
}

S offline_sync_answer() {
  return ref("OfflineSyncAnswer", [] {
    return object({{"device_id", text()},
                   {"skew_ms", integer().nullable()},
                   {"results", array(object({{"nonce", text()},
                                             {"outcome", text().example("admitted").describe("admitted, conflict, invalid, or exited (an exit)")},
                                             {"reason", text().nullable()},
                                             {"serial", text().nullable()},
                                             {"replayed", boolean()}}))},
                   {"summary", object({{"admitted", integer()}, {"conflicts", integer()}, {"invalid", integer()}, {"replayed", integer()}})}});
  });
}

S conflict_report() {
  return ref("ConflictReport", [] {
    return object(
        {{"items", array(object({{"id", id()},
                                 {"reason", text().nullable().example("double_admission")},
                                 {"ticket", object({{"serial", text().nullable()}, {"status", text().nullable()}})},
                                 {"scan", object({{"device_id", text()},
                                                  {"gate", text().nullable()},
                                                  {"user", text()},
                                                  {"scanned_at", time().nullable()},
                                                  {"device_scanned_at", time().nullable()},
                                                  {"received_at", time().nullable()}})},
                                 {"server", object({{"decision", text().nullable()},
                                                    {"at", time().nullable()},
                                                    {"device_id", text().nullable()},
                                                    {"gate", text().nullable()},
                                                    {"user", text().nullable()},
                                                    {"offline", boolean().optional()}})}}))},
         {"devices", array(object({{"device_id", text()},
                                   {"user", text()},
                                   {"last_sync_at", time().nullable()},
                                   {"skew_ms", integer().nullable()},
                                   {"scans", integer()},
                                   {"conflicts", integer()}}))}});
  });
}
}  // namespace schemas

}  // namespace gatepass::http
