#pragma once
// JSON shapes of the box office (docs/box-office.md): ticket types, jobs, sales, refunds,
// transfers and a ticket's history.
#include <boost/json/object.hpp>

#include "domain/box_office.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

boost::json::object to_json(const TicketType& t);
boost::json::object to_json(const Job& j);
boost::json::object to_json(const Sale& s);
boost::json::object to_json(const Refund& r);
boost::json::object to_json(const Transfer& x);
boost::json::object to_json(const TicketEvent& e);

// The schemas of what the writers above produce (named in /api/openapi.json); keep each next to
// its writer.
namespace schemas {
schema::S refund_status();   // refunds: pending|approved|rejected|completed|cancelled
schema::S transfer_status();  // transfers: pending|accepted|rejected|cancelled
schema::S job_status();
schema::S ticket_type();
schema::S job();
schema::S sale();
schema::S refund();
schema::S transfer();
schema::S ticket_event();
}  // namespace schemas

// {"items": [...]} of any of the above.
template <class T>
boost::json::object items_json(const std::vector<T>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& i : items) out.push_back(to_json(i));
  return {{"items", std::move(out)}};
}

}  // namespace gatepass::http
