#pragma once
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

struct TicketTypeInput {
  std::optional<std::string> name;
  std::optional<std::string> price;                 // decimal text
  std::optional<std::optional<std::int64_t>> quota;  // null: no quota
  std::optional<LocaleTexts> name_i18n;  // issue 24: replaces the stored map; the event's default locale required
};
TicketType create_ticket_type(Context& ctx, const Principal& by, Id event_id, const TicketTypeInput& in);
TicketType update_ticket_type(Context& ctx, const Principal& by, Id id, const TicketTypeInput& in);
std::vector<TicketType> list_ticket_types(Context& ctx, Id event_id);

}  // namespace gatepass::app
