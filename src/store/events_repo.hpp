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
// Hands out the next ticket number of the event inside the caller's transaction (row-locked on
// PostgreSQL until commit, which is why PostgreSQL reserves blocks instead); nullopt when the
// event's `capacity` numbers are all handed out.
std::optional<std::int64_t> next_ticket_number(Connection& c, Id event_id);
// Reserves the next block of ticket numbers of the event, in a short transaction of its own
// (app/ticket_numbers.hpp): at most `max_block`, fewer near the capacity (remaining / divisor,
// at least 1); nullopt when the event's `capacity` numbers are all handed out, or fewer than
// `min_remaining` places are left (SQLite hands out its last places one by one).
struct NumberBlock {
  std::int64_t first = 0, last = 0;
};
std::optional<NumberBlock> reserve_number_block(Connection& c, Id event_id, std::int64_t max_block, std::int64_t divisor,
                                                std::int64_t min_remaining = 1);
// Gives back the `count` numbers up to `top` when they are the last ones handed out (ticket_seq is
// still `top`): whether it did.
bool return_numbers(Connection& c, Id event_id, std::int64_t top, std::int64_t count);
// `count` consecutive numbers at once (bulk generation): the first of them, or nullopt when they
// would exceed the event's capacity.
std::optional<std::int64_t> reserve_ticket_numbers(Connection& c, Id event_id, std::int64_t count);
bool is_full(Connection& c, Id event_id);
// The event's sales_channel alone (the box office checks it before selling); nullopt: no event.
std::optional<std::string> sales_channel(Connection& c, Id event_id);

struct SigningKey {
  Id id = 0;
  Id event_id = 0;
  std::string public_key_hex;
  std::string secret_box_hex;
};
Id insert_key(Connection& c, Id event_id, const std::string& public_hex, const std::string& box_hex, Millis now);
// The id of the event's active key alone: what an approval reads in its transaction (the key
// itself comes from app::KeyRing's cache, or find_key once).
std::optional<Id> active_key_id(Connection& c, Id event_id);
std::optional<SigningKey> find_key(Connection& c, Id key_id);

}  // namespace gatepass::store::events
