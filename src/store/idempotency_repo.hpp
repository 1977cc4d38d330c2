#pragma once
#include <optional>

#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::idempotency {

// The first outcome of a request made with an Idempotency-Key, so a retry gets the same answer.
struct Stored {
  std::string request;  // the code that was checked in
  std::optional<Id> event_id;  // the gate's event it was sent with
  std::string outcome;
  std::optional<std::string> serial;
};
std::optional<Stored> find(Connection& c, Id user_id, const std::string& key);
void insert(Connection& c, Id user_id, const std::string& key, const Stored& s, Millis now);
std::int64_t delete_older_than(Connection& c, Millis cutoff);

}  // namespace gatepass::store::idempotency
