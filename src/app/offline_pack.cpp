#include "app/offline_pack.hpp"

#include <memory>
#include <mutex>

#include "domain/error.hpp"
#include "store/events_repo.hpp"
#include "store/offline_repo.hpp"

namespace gatepass::app {

namespace {
// The full pack's expensive part (one pass over the event's flagged tickets), by event and the
// exact state of the change log it was read at: phones downloading the same pack while nothing
// changed get it from memory (docs/devices.md, availability of the gate). Bounded; a changed
// state is a new key. The ticket count is kept with it: new valid tickets are not logged, so it
// may lag until the next logged change (it is only shown).
struct FlaggedSnapshot {
  std::vector<offline::TicketCode> flagged;
  std::int64_t tickets = 0;
};
class FullPackCache {
 public:
  static constexpr std::size_t kMaxEntries = 16;
  std::shared_ptr<const FlaggedSnapshot> get(Id event, const std::string& token) {
    std::lock_guard lock(mutex_);
    for (const auto& e : entries_)
      if (e.event == event && e.token == token) return e.snapshot;
    return nullptr;
  }
  void put(Id event, const std::string& token, std::shared_ptr<const FlaggedSnapshot> snapshot) {
    std::lock_guard lock(mutex_);
    // One entry per event: an older state of it is of no use any more.
    std::erase_if(entries_, [&](const Entry& e) { return e.event == event; });
    if (entries_.size() >= kMaxEntries) entries_.erase(entries_.begin());
    entries_.push_back({event, token, std::move(snapshot)});
  }

 private:
  struct Entry {
    Id event;
    std::string token;
    std::shared_ptr<const FlaggedSnapshot> snapshot;
  };
  std::mutex mutex_;
  std::vector<Entry> entries_;
};
FullPackCache full_packs;
}  // namespace

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
    pack.highest_number = store::offline::highest_number(c, event_id);
    pack.cursor = store::offline::current_cursor(c);
    pack.keys = store::offline::keys(c, event_id);
    pack.full = !since;
    if (since) {
      pack.changes = store::offline::changed(c, event_id, *since, pack.cursor);
    } else {
      const auto token = store::offline::state_token(c, event_id);
      auto snapshot = full_packs.get(event_id, token);
      if (!snapshot) {
        auto made = std::make_shared<FlaggedSnapshot>();
        made->flagged = store::offline::flagged(c, event_id);
        made->tickets = store::offline::ticket_count(c, event_id);
        full_packs.put(event_id, token, made);
        snapshot = std::move(made);
      }
      pack.flagged = snapshot->flagged;
      pack.tickets = snapshot->tickets;
    }
  });
  pack.generated_at = ctx.now();
  return pack;
}

}  // namespace gatepass::app
