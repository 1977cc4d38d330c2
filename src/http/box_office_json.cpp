#include "http/box_office_json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value_from.hpp>

#include "domain/time.hpp"

namespace gatepass::http {

namespace json = boost::json;

namespace {
template <class T>
json::value opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return json::value_from(*v);
}
// Our own stored JSON text (never client bytes): parsed back into the response.
json::value stored(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(json::object{}) : v;
}
}  // namespace

json::object to_json(const TicketType& t) {
  return {{"id", t.id},           {"event_id", t.event_id},   {"name", t.name},
          {"price", t.price},     {"currency", t.currency},   {"quota", opt(t.quota)},
          {"generated", t.generated}, {"sold", t.sold},       {"available", t.available}};
}

json::object to_json(const Job& j) {
  json::object result = stored(j.result_json).is_object() ? stored(j.result_json).as_object() : json::object{};
  return {{"id", j.id},
          {"kind", j.kind},
          {"status", to_string(j.status)},
          {"total", j.total},
          {"done", j.done},
          {"error", opt(j.error)},
          {"event_id", opt(j.event_id)},
          {"params", stored(j.params_json)},
          {"result", std::move(result)},
          {"created_at", format_iso8601(j.created_at)},
          {"started_at", time_or_null(j.started_at)},
          {"finished_at", time_or_null(j.finished_at)}};
}

json::object to_json(const Sale& s) {
  return {{"id", s.id},
          {"event_id", s.event_id},
          {"ticket_type_id", opt(s.ticket_type_id)},
          {"buyer_name", s.buyer_name},
          {"buyer_email", s.buyer_email},
          {"quantity", s.quantity},
          {"unit_price", s.unit_price},
          {"total", s.total},
          {"currency", s.currency},
          {"seller", s.seller},
          {"sold_at", format_iso8601(s.sold_at)}};
}

json::object to_json(const Refund& r) {
  return {{"id", r.id},
          {"serial", r.serial},
          {"event_id", r.event_id},
          {"event_name", r.event_name},
          {"status", to_string(r.status)},
          {"reason", r.reason},
          {"amount", opt(r.amount)},
          {"requested_by", r.requested_by_name},
          {"requested_at", format_iso8601(r.requested_at)},
          {"decided_by", opt(r.decided_by_name)},
          {"decided_at", time_or_null(r.decided_at)},
          {"notes", opt(r.notes)},
          {"completed_at", time_or_null(r.completed_at)},
          {"refunded_amount", opt(r.refunded_amount)},
          {"sale_id", opt(r.sale_id)}};
}

json::object to_json(const Transfer& x) {
  return {{"id", x.id},
          {"serial", x.serial},
          {"event_id", x.event_id},
          {"event_name", x.event_name},
          {"status", to_string(x.status)},
          {"from_username", x.from_username},
          {"to_username", opt(x.to_username)},
          {"to_email", opt(x.to_email)},
          {"notes", opt(x.notes)},
          {"created_at", format_iso8601(x.created_at)},
          {"decided_at", time_or_null(x.decided_at)}};
}

json::object to_json(const TicketEvent& e) {
  return {{"id", e.id},
          {"action", e.action},
          {"actor", e.actor},
          {"at", format_iso8601(e.at)},
          {"from_holder", opt(e.from_holder)},
          {"to_holder", opt(e.to_holder)},
          {"old_code_id", opt(e.old_code_id)},
          {"new_code_id", opt(e.new_code_id)},
          {"details", stored(e.details_json)}};
}

}  // namespace gatepass::http
