#pragma once
// Per-event retention (docs/privacy.md): housekeeping erases the personal data of an event's
// registrations, tickets and scans `personal_data_retention_days` after the event ends. Once per
// event (personal_data_erased_at), safe on several instances at once, audited as
// privacy.retention_erase by "system".
#include "app/context.hpp"

namespace gatepass::app::privacy {

// Erases every event whose date has come; returns how many events it erased now.
std::int64_t erase_due_events(Context& ctx);

}  // namespace gatepass::app::privacy
