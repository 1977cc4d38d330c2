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
  return out;
}

}  // namespace gatepass::http
