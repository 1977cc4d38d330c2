#pragma once
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"
#include "domain/error.hpp"

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

// An event's default language changes to `locale` (issue 24, docs/languages.md): every ticket type
// of it with names per language must have that language's, which becomes its plain name (as the
// event's own texts do). Missing ones go to `errors` as "ticket_types.<id>.name_i18n.<locale>";
// the types whose plain name changes come back, written by save_ticket_type_names once nothing
// was refused. Types without names per language keep their name (the fallback in every language).
std::vector<TicketType> ticket_type_names_for(store::Connection& c, Id event_id, const std::string& locale,
                                              FieldErrors& errors);
void save_ticket_type_names(store::Connection& c, const Principal& by, const std::vector<TicketType>& types, Millis now);

}  // namespace gatepass::app
