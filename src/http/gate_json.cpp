#include "http/gate_json.hpp"

#include <boost/json/serialize.hpp>

#include <map>

#include "domain/time.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

namespace json = boost::json;

namespace {
json::value opt_json(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt_json(const std::optional<Id>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::array scans_json(const std::vector<Scan>& scans) {
  json::array out;
  out.reserve(scans.size());
  for (const auto& s : scans) out.push_back(to_json(s));
  return out;
}
}  // namespace

json::object to_json(const Scan& s) {
  return {{"id", s.id},
          {"event_id", opt_json(s.event_id)},
          {"serial", opt_json(s.serial)},
          {"code", opt_json(s.code)},
          {"type", s.type},
          {"result", s.result},
          {"gate", opt_json(s.gate)},
          {"device_id", opt_json(s.device_id)},
          {"user", s.username},
          {"scanned_at", format_iso8601(s.scanned_at)},
          {"note", opt_json(s.note)}};
}

json::object counts_json(const store::attendance::Counts& c) {
  json::array gates;
  for (const auto& g : c.per_gate)
    gates.push_back({{"gate", g.gate}, {"entries", g.entries}, {"exits", g.exits}, {"inside", g.inside}});
  return {{"issued", c.issued}, {"sold", c.sold}, {"admitted", c.admitted}, {"inside", c.inside},
          {"per_gate", std::move(gates)}};
}

std::string live_message(const app::LiveSnapshot& snap, const std::vector<Scan>& missed) {
  auto data = counts_json(snap.counts);
  data["event_id"] = snap.event_id;
  data["last_scans"] = scans_json(snap.last_scans);
  data["missed_scans"] = scans_json(missed);
  data["at"] = format_iso8601(snap.at);
  // serialize() never emits a newline, so the data fits one `data:` line.
  return "id: " + std::to_string(snap.newest_scan_id) + "\nevent: counts\ndata: " + json::serialize(data) + "\n\n";
}

json::object to_json(const app::AttendanceReport& r) {
  auto out = counts_json(r.counts);
  out["event_id"] = r.event_id;
  out["generated_at"] = format_iso8601(r.generated_at);
  out["bucket_minutes"] = r.bucket_ms / 60'000;
  out["no_shows"] = r.counts.sold - r.counts.admitted;
  const double rate = r.counts.sold > 0 ? static_cast<double>(r.counts.admitted) / static_cast<double>(r.counts.sold) : 0.0;
  out["attendance_rate"] = static_cast<double>(static_cast<std::int64_t>(rate * 10000 + 0.5)) / 10000;
  json::array arrivals;
  std::map<Millis, std::int64_t> net;  // inside change per bucket, all gates
  for (const auto& b : r.movements) {
    if (b.admitted > 0) arrivals.push_back({{"at", format_iso8601(b.at)}, {"gate", b.gate}, {"count", b.admitted}});
    net[b.at] += b.admitted - b.exited;
  }
  json::array inside_over_time;
  std::int64_t inside = 0;
  for (const auto& [at, change] : net) {
    inside += change;
    inside_over_time.push_back({{"at", format_iso8601(at + r.bucket_ms)}, {"inside", inside}});
  }
  json::array refused;
  for (const auto& x : r.refused) refused.push_back({{"result", x.result}, {"count", x.count}});
  out["arrivals"] = std::move(arrivals);
  out["inside_over_time"] = std::move(inside_over_time);
  out["refused"] = std::move(refused);
  out["typed_misses"] = r.typed_misses;
  return out;
}

namespace schemas {
using namespace schema;

S scan_type() { return one_of({"entry", "exit", "attendance", "entry_check", "sale_confirmation"}); }
S scan_row_type() {
  return std::move(one_of({"entry", "exit", "attendance", "entry_check", "sale_confirmation", "undo"})
                       .describe("undo: an admission undone (result undone)"));
}

S scan() {
  return ref("Scan", [] {
    return object({{"id", id()},
                   {"event_id", integer().nullable()},
                   {"serial", text().nullable().describe("null: the code was not a genuine ticket")},
                   {"code", text().nullable().describe("What was scanned, when it was not a genuine ticket")},
                   {"type", scan_row_type()},
                   {"result", text().example("admitted").describe("admitted, exited, recorded, valid, undone, or the refusal's error code")},
                   {"gate", text().nullable().example("North")},
                   {"device_id", text().nullable()},
                   {"user", text().example("gate-1")},
                   {"scanned_at", time()},
                   {"note", text().nullable()}});
  });
}

S counts_fields_object(std::vector<Field> more) {
  std::vector<Field> f{{"issued", integer()},
                       {"sold", integer()},
                       {"admitted", integer()},
                       {"inside", integer()},
                       {"per_gate", array(object({{"gate", text()}, {"entries", integer()}, {"exits", integer()}, {"inside", integer()}}))}};
  for (auto& m : more) f.push_back(std::move(m));
  return object(std::move(f));
}

S attendance_report() {
  return ref("AttendanceReport", [] {
    return counts_fields_object(
        {{"event_id", id()},
         {"generated_at", time()},
         {"bucket_minutes", integer().range(1, 60)},
         {"no_shows", integer()},
         {"attendance_rate", number().describe("admitted / sold, 0 to 1")},
         {"arrivals", array(object({{"at", time()}, {"gate", text()}, {"count", integer()}}))},
         {"inside_over_time", array(object({{"at", time()}, {"inside", integer()}}))},
         {"refused", array(object({{"result", text()}, {"count", integer()}}))
                         .describe("Refused scans by result; typed serials that named no ticket are not refusals")},
         {"typed_misses", integer().describe("Scans of a typed serial that named no ticket (result unknown_serial)")}});
  });
}

S live_message_data() {
  return ref("LiveCounts", [] {
    return std::move(counts_fields_object({{"event_id", id()},
                                           {"last_scans", array(scan())},
                                           {"missed_scans", array(scan())},
                                           {"at", time()}})
                         .describe("The data of each `counts` message of the live stream"));
  });
}

namespace {
std::vector<Field> with(std::vector<Field> base, std::vector<Field> more) {
  for (auto& m : more) base.push_back(std::move(m));
  return base;
}
S error_body() {
  return object({{"code", text().example("already_used")}, {"message", text()}, {"fields", free_object()}});
}
}  // namespace

S verified_ticket() {
  return ref("VerifiedTicket", [] {
    return object(with(gate_ticket_fields(),
                       {{"admissible", boolean().describe("An entry scan now would admit")},
                        {"refusal", text().nullable().describe("Why an entry would be refused (already_used, already_inside)")},
                        {"reentry_allowed", boolean()}}));
  });
}

S scan_outcome() {
  return ref("ScanOutcome", [] {
    auto f = gate_ticket_fields();
    for (auto& field : f)
      if (field.name == "status") {
        S status = one_of({"checked_in", "created", "valid", "used", "refunded", "void"});
        status.describe("checked_in: this entry scan admitted the holder");
        field.schema = status;
      }
    return object(with(std::move(f), {{"result", text().example("admitted")},
                                      {"type", scan_type()},
                                      {"reentry", boolean()},
                                      {"replayed", boolean().describe("A retry with the same Idempotency-Key: the first answer")},
                                      {"scan", scan().nullable()}}));
  });
}

S verify_refusal() {
  return ref("VerifyRefusal", [] {
    return object({{"error", error_body()},
                   {"ticket", object(gate_ticket_fields())},
                   {"used_at", time().nullable()},
                   {"replayed", boolean()}});
  });
}

S scan_refusal() {
  return ref("ScanRefusal", [] {
    return object({{"error", error_body()},
                   {"ticket", object(gate_ticket_fields())},
                   {"used_at", time().nullable()},
                   {"result", text()},
                   {"type", scan_type()},
                   {"reentry", boolean()},
                   {"inside", boolean()},
                   {"replayed", boolean()},
                   {"scan", scan().nullable()}});
  });
}
}  // namespace schemas

}  // namespace gatepass::http
