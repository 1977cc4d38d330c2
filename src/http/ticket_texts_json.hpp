#pragma once
// A holder's ticket in the request's language (issue 24): the event's name and description and
// the ticket type's name as the organiser wrote them in it, and `locale` saying which.
#include <boost/json/object.hpp>

#include "app/ticket_texts.hpp"
#include "http/api_schema.hpp"
#include "http/request_locale.hpp"

namespace gatepass::http {

// Sets event_name, event_description, ticket_type and locale of a holder's ticket JSON, and the
// event's time_zone (its times are shown in it).
void localize_ticket(boost::json::object& out, const TicketView& t, const app::EventTexts& texts, const RequestLocale& lang);
// The `locale` field those answers carry.
schema::S texts_locale_schema();
// The `time_zone` field they carry.
schema::S event_time_zone_schema();

}  // namespace gatepass::http
