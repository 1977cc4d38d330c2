#pragma once
#include <optional>

#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::events {

Id insert(Connection& c, const Event& e, Millis now);  // UniqueViolation on slug/prefix
void update(Connection& c, const Event& e, Millis now);
std::optional<Event> find(Connection& c, Id id);
Page<Event> list(Connection& c, bool published_only, std::int64_t limit, std::int64_t offset);
bool prefix_taken(Connection& c, const std::string& prefix, Id except_event);
bool slug_taken(Connection& c, const std::string& slug, Id except_event);
// Hands out the next ticket number of the event (row-locked on PostgreSQL until commit);
// nullopt when the event's `capacity` tickets are already issued. One conditional write, no read-then-write.
std::optional<std::int64_t> next_ticket_number(Connection& c, Id event_id);
// `count` consecutive numbers at once (bulk generation): the first of them, or nullopt when they
// would exceed the event's capacity.
std::optional<std::int64_t> reserve_ticket_numbers(Connection& c, Id event_id, std::int64_t count);
bool is_full(Connection& c, Id event_id);

struct SigningKey {
  Id id = 0;
  Id event_id = 0;
  std::string public_key_hex;
  std::string secret_box_hex;
};
Id insert_key(Connection& c, Id event_id, const std::string& public_hex, const std::string& box_hex, Millis now);
std::optional<SigningKey> active_key(Connection& c, Id event_id);
std::optional<SigningKey> find_key(Connection& c, Id key_id);

}  // namespace gatepass::store::events
