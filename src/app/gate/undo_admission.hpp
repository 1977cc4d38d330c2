#pragma once
// Undo an admission (docs/devices.md §5): a steward who let the wrong person in (or scanned the
// wrong ticket) puts the ticket back to valid. Admins undo any admission; a device or scanner only
// the ticket's last admission, when it made it (same device; without a device, same user) within
// Config::undo_admission_window_ms.
#include <string>

#include "app/context.hpp"

namespace gatepass::app::gate {

struct UndoneAdmission {
  TicketView ticket;                 // as it is now: valid, not inside, no used_at
  Scan scan;                         // the `undo` row (result `undone`)
  std::optional<Scan> admission;     // the admission it undid (none for one made before scans were kept)
};

// 400 validation (reason: 1-500 characters), 404 unknown serial, 403 not_assigned (a steward of
// another event), 409 not_admitted (nothing to undo), 403 undo_window_passed (a steward too late,
// or another device's or user's admission). One conditional write: of two racing undos (or an undo
// and a scan) exactly one changes the ticket.
UndoneAdmission undo_admission(Context& ctx, const Principal& by, const std::string& serial, const std::string& reason);

}  // namespace gatepass::app::gate
