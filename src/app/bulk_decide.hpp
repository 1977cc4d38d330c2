#pragma once
// Deciding many registrations at once: a selection (up to 500 ids, answered in the request) or
// every pending registration matching a filter (a background job with progress). Each decision
// is the same use case as a single click: its own transaction, its own audit row.
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"
#include "store/registrations_repo.hpp"

namespace gatepass::app {

enum class Decision { approve, decline };
inline constexpr std::size_t kMaxBulkIds = 500;

struct DecisionResult {
  Id id = 0;
  bool ok = false;
  std::optional<std::string> serial;      // approve: the ticket
  std::optional<std::string> error_code;  // e.g. conflict (declined already, event full)
  std::optional<std::string> error_message;
};
std::vector<DecisionResult> decide_registrations(Context& ctx, const Principal& by, Decision d, const std::vector<Id>& ids,
                                                 const std::optional<std::string>& reason);
// Counts the pending registrations matching `filter` and starts a job deciding them oldest first.
Job start_bulk_decision(Context& ctx, const Principal& by, Decision d, store::registrations::Filter filter,
                        const std::optional<std::string>& reason);

}  // namespace gatepass::app
