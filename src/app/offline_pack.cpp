#include "app/offline_pack.hpp"

#include "domain/error.hpp"
#include "store/events_repo.hpp"
#include "store/offline_repo.hpp"

namespace gatepass::app {

offline::Pack offline_pack(Context& ctx, Id event_id, const std::optional<std::string>& since) {
  offline::Pack pack;
  // One read transaction: on SQLite a snapshot; on PostgreSQL the cursor is read first, so
  // whatever commits while the state is read is sent again next time rather than lost.
  ctx.db.read([&](store::Connection& c) {
    const auto event = store::events::find(c, event_id);
    if (!event) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
    if (since && !store::offline::valid_cursor(c, *since))
      throw Error(ErrorCode::validation, "Bad query parameter",
                  {{"since", "is not a cursor from this server: send the cursor of the last pack, or none"}});
    pack.event_id = event->id;
    pack.event_name = event->name;
    pack.serial_prefix = event->serial_prefix;
    pack.reentry = event->reentry;
    pack.cursor = store::offline::current_cursor(c);
    pack.keys = store::offline::keys(c, event_id);
    pack.full = !since;
    if (since) {
      pack.changes = store::offline::changed(c, event_id, *since, pack.cursor);
    } else {
      pack.flagged = store::offline::flagged(c, event_id);
      pack.tickets = store::offline::ticket_count(c, event_id);
    }
  });
  pack.generated_at = ctx.now();
  return pack;
}

}  // namespace gatepass::app
