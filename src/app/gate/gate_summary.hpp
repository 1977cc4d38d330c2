#pragma once
// The steward's screen (docs/devices.md §5): the event's counts seen from one gate and device.
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"

namespace gatepass::app::gate {

inline constexpr std::int64_t kSummaryScans = 20;

struct GateSummary {
  Id event_id = 0;
  std::optional<std::string> gate;       // the device's gate, else the one asked for
  std::optional<std::string> device_id;  // the device's, else the one asked for
  std::int64_t inside = 0;               // inside now (every gate)
  std::int64_t admitted_total = 0;       // tickets admitted at least once
  std::int64_t admitted_at_gate = 0;
  std::int64_t typed_misses_at_gate = 0;  // typed serials naming no ticket at this gate (not refusals)     // entries at this gate (undone ones taken out); without a gate: scans without one ("")
  std::vector<Scan> last_scans;          // this device's last scans (without a device: the caller's), newest first
  Millis at = 0;
};

// 403 not_assigned (a scanner or device of other events, a device's other gate), 404 unknown event.
GateSummary gate_summary(Context& ctx, const Principal& by, Id event_id, const std::optional<std::string>& gate,
                         const std::optional<std::string>& device_id);

}  // namespace gatepass::app::gate
