#pragma once
// The event pack an offline scanner downloads, whole or as a delta (docs/offline-gates.md §1).
#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/offline_pack.hpp"

namespace gatepass::app {

// Roles are checked by the route. Throws not_found for an unknown event and a validation error
// (field `since`) for a cursor this server did not make.
offline::Pack offline_pack(Context& ctx, Id event_id, const std::optional<std::string>& since);

}  // namespace gatepass::app
