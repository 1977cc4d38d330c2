#include "app/gate/gate_summary.hpp"

#include "app/gate/assignment.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/attendance_repo.hpp"
#include "store/events_repo.hpp"
#include "store/scans_repo.hpp"

namespace gatepass::app::gate {

GateSummary gate_summary(Context& ctx, const Principal& by, Id event_id, const std::optional<std::string>& gate,
                         const std::optional<std::string>& device_id) {
  FieldErrors errors;
  if (gate)
    if (auto err = validation::check_text(*gate, 64, true)) errors.add("gate", *err);
  if (device_id)
    if (auto err = validation::check_device_id(*device_id)) errors.add("device_id", *err);
  errors.throw_if_any("Bad gate summary request");
  if (by.role == Role::scanner) require_event(by, event_id);
  GateSummary out;
  out.event_id = event_id;
  out.gate = gate_of(by, gate);
  out.device_id = device_name_of(by, device_id);
  out.at = ctx.now();
  ctx.db.read([&](store::Connection& c) {
    if (!store::events::find(c, event_id)) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
    const auto counts = store::attendance::counts(c, event_id);
    out.inside = counts.inside;
    out.admitted_total = counts.admitted;
    // As the report names gates: scans without a gate are the gate "".
    for (const auto& g : counts.per_gate)
      if (g.gate == out.gate.value_or("")) out.admitted_at_gate = g.entries;
    out.typed_misses_at_gate = store::attendance::typed_misses(c, event_id, out.gate.value_or(""));
    store::scans::Filter f;
    f.event_id = event_id;
    if (out.device_id) f.device_id = out.device_id;
    else f.user_id = by.user_id;
    out.last_scans = store::scans::list(c, f, kSummaryScans);
  });
  return out;
}

}  // namespace gatepass::app::gate
