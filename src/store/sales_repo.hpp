#pragma once
#include <vector>

#include "domain/box_office.hpp"
#include "store/db.hpp"

namespace gatepass::store::sales {

Id insert(Connection& c, const Sale& s);
std::vector<Sale> of_event(Connection& c, Id event_id, std::int64_t limit, std::int64_t offset);

// Generation batches: which tickets one run made (export, printable sheets).
struct Batch {
  Id id = 0;
  Id event_id = 0;
  Id ticket_type_id = 0;
  std::int64_t count = 0;
  std::int64_t first_number = 0;
};
Id insert_batch(Connection& c, const Batch& b, std::optional<Id> job_id, std::optional<Id> by, Millis now);
std::optional<Batch> find_batch(Connection& c, Id id);

}  // namespace gatepass::store::sales
