#pragma once
// `gatepass tickets generate` and `gatepass tickets export`: the box office from a shell, for
// runs too big for a browser tab (a million tickets, a whole batch as one CSV file).
#include <cstdint>
#include <iosfwd>
#include <optional>

#include "app/context.hpp"

namespace gatepass::cli {

// Without --type: the event's only ticket type, or a free "General admission" type if it has
// none; several types need --type. Progress on stderr; the summary on stdout.
int generate_tickets(app::Context& ctx, Id event_id, std::optional<Id> type_id, std::int64_t count);
// The whole batch as CSV (serial,payload) to `out`, streamed a page at a time.
int export_batch(app::Context& ctx, Id batch_id, std::ostream& out);

}  // namespace gatepass::cli
