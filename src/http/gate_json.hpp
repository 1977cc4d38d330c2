#pragma once
// JSON shapes of the gate (docs/gate-operations.md): scans, live counts, the attendance report.
#include <boost/json/object.hpp>

#include "app/gate_reports.hpp"
#include "app/live_hub.hpp"
#include "domain/model.hpp"
#include "http/api_schema.hpp"

namespace gatepass::http {

boost::json::object to_json(const Scan& s);
boost::json::object counts_json(const store::attendance::Counts& counts);
// One Server-Sent Events message ("id: …\nevent: counts\ndata: {…}\n\n").
std::string live_message(const app::LiveSnapshot& snap, const std::vector<Scan>& missed);
boost::json::object to_json(const app::AttendanceReport& r);

namespace schemas {
schema::S scan();
schema::S scan_type();      // what a scan request may ask for
schema::S scan_row_type();  // what a scan row may be: those, and undo
schema::S counts_fields_object(std::vector<schema::Field> more);
schema::S attendance_report();
schema::S live_message_data();
// The gate's answers: a verified ticket (200), a scan's outcome (200), a refusal (409).
schema::S verified_ticket();
schema::S scan_outcome();
schema::S verify_refusal();
schema::S scan_refusal();
}  // namespace schemas

}  // namespace gatepass::http
