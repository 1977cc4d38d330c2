#pragma once
// JSON shapes of the gate (docs/gate-operations.md): scans, live counts, the attendance report.
#include <boost/json/object.hpp>

#include "app/gate_reports.hpp"
#include "app/live_hub.hpp"
#include "domain/model.hpp"

namespace gatepass::http {

boost::json::object to_json(const Scan& s);
boost::json::object counts_json(const store::attendance::Counts& counts);
// One Server-Sent Events message ("id: …\nevent: counts\ndata: {…}\n\n").
std::string live_message(const app::LiveSnapshot& snap, const std::vector<Scan>& missed);
boost::json::object to_json(const app::AttendanceReport& r);

}  // namespace gatepass::http
