#include "app/ticket_texts.hpp"

#include "store/events_repo.hpp"
#include "store/ticket_types_repo.hpp"

namespace gatepass::app {

std::map<Id, EventTexts> event_texts(Context& ctx, const std::vector<Id>& event_ids) {
  std::map<Id, EventTexts> out;
  ctx.db.read([&](store::Connection& c) {
    for (Id id : event_ids) {
      if (out.contains(id)) continue;
      auto e = store::events::find(c, id);
      if (!e) continue;
      EventTexts t{std::move(*e), {}};
      for (auto& type : store::ticket_types::of_event(c, id)) t.ticket_types.emplace(type.id, std::move(type));
      out.emplace(id, std::move(t));
    }
  });
  return out;
}

}  // namespace gatepass::app
