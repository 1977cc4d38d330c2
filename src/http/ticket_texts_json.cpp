#include "http/ticket_texts_json.hpp"

#include "domain/locale.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

void localize_ticket(boost::json::object& out, const TicketView& t, const app::EventTexts& texts, const RequestLocale& lang) {
  const auto& e = texts.event;
  const auto want = lang.for_event(e.default_locale);
  const auto name = locale::text_in(e.name_i18n, e.name, want, e.default_locale);
  out["event_name"] = name.text;
  out["event_description"] =
      e.description ? boost::json::value(locale::text_in(e.description_i18n, *e.description, want, e.default_locale).text)
                    : boost::json::value(nullptr);
  if (t.ticket.ticket_type_id)
    if (const auto it = texts.ticket_types.find(*t.ticket.ticket_type_id); it != texts.ticket_types.end())
      out["ticket_type"] = locale::text_in(it->second.name_i18n, it->second.name, want, e.default_locale).text;
  out["locale"] = name.in;
  out["time_zone"] = e.time_zone;
}

schema::S texts_locale_schema() {
  return schema::one_of({"en", "de", "fr", "es"})
      .describe("The language event_name, event_description and ticket_type are in: the request's (?locale=, else "
                "Accept-Language) when the organiser gave it, else the event's default_locale");
}

schema::S event_time_zone_schema() {
  return schema::text().example("Europe/Berlin").describe("The event's IANA time zone: its times are shown in it");
}

}  // namespace gatepass::http
