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
          {"generated", t.generated}, {"sold", t.sold},       {"available", t.available},
          {"name_i18n", [&] {
             json::object m;
             for (const auto& [k, v] : t.name_i18n) m[k] = v;
             return m;
           }()}};
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
          {"sold_at", format_iso8601(s.sold_at)},
          {"locale", opt(s.locale)}};
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
          {"sale_id", opt(r.sale_id)},
          {"price_paid", opt(r.price_paid)},
          {"refundable", r.refundable},
          {"currency", r.currency},
          {"buyer_name", opt(r.buyer_name)},
          {"buyer_email", opt(r.buyer_email)},
          {"purchaser_name", opt(r.purchaser_name)},
          {"purchaser_email", opt(r.purchaser_email)}};
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

namespace schemas {
using namespace schema;

S refund_status() {
  return std::move(one_of({"pending", "approved", "rejected", "completed", "cancelled"})
                       .describe("approved: the ticket is refunded; completed: the money went back"));
}
S transfer_status() { return one_of({"pending", "accepted", "rejected", "cancelled"}); }
S job_status() { return one_of({"queued", "running", "done", "failed"}); }

S ticket_type() {
  return ref("TicketType", [] {
    return object({{"id", id()},
                   {"event_id", id()},
                   {"name", text().example("Early bird")},
                   {"price", money()},
                   {"currency", text().example("EUR")},
                   {"quota", integer().nullable().describe("At most this many tickets of the type; null: no quota").example(200)},
                   {"generated", integer().describe("Tickets generated so far (sold or not)").example(120)},
                   {"sold", integer().example(80)},
                   {"available", integer().describe("Unsold tickets that can still be sold").example(40)},
                   {"name_i18n", locale_texts().optional().describe("The name per language (issue 24); {}: name only")}});
  });
}

S job() {
  return ref("Job", [] {
    return object({{"id", id()},
                   {"kind", one_of({"generate_tickets", "bulk_decide"})},
                   {"status", job_status()},
                   {"total", integer().describe("Units of work (tickets, registrations)").example(1000)},
                   {"done", integer().describe("Units done so far").example(250)},
                   {"error", text().nullable().describe("Why it failed")},
                   {"event_id", integer().nullable().example(42)},
                   {"params", std::move(free_object().describe("What the job was asked to do (depends on kind)")
                                            .example(boost::json::object{{"event_id", 42}, {"ticket_type_id", 7},
                                                                         {"batch_id", 3}, {"first_number", 1}}))},
                   {"result", std::move(free_object().describe("What it did, once done (depends on kind); {} before")
                                            .example(boost::json::object{{"batch_id", 3}, {"first_serial", "EVT2026-000001"},
                                                                         {"last_serial", "EVT2026-001000"}, {"count", 1000}}))},
                   {"created_at", time()},
                   {"started_at", time().nullable()},
                   {"finished_at", time().nullable()}});
  });
}

S sale() {
  return ref("Sale", [] {
    return object({{"id", id()},
                   {"event_id", id()},
                   {"ticket_type_id", integer().nullable().example(7)},
                   {"buyer_name", text().example("Bob Buyer")},
                   {"buyer_email", text().example("bob@example.com")},
                   {"quantity", integer().example(2)},
                   {"unit_price", money()},
                   {"total", money().example("25.00")},
                   {"currency", text().example("EUR")},
                   {"seller", text().describe("Who sold it (username)").example("admin")},
                   {"sold_at", time()},
                   {"locale", text().nullable().describe("The buyer's language as stored (issue 24): their mails use it; "
                                                         "null when neither the body nor Accept-Language named a shipped one")
                                  .example("de")}});
  });
}

S refund() {
  return ref("Refund", [] {
    return object({{"id", id()},
                   {"serial", text().example("EVT2025-000123")},
                   {"event_id", id()},
                   {"event_name", text().example("Summer Fest 2026")},
                   {"status", refund_status()},
                   {"reason", text().example("Cannot attend")},
                   {"amount", money().nullable().describe("The amount asked for, if any")},
                   {"requested_by", text().describe("Username of who asked (holders see \"you\" or \"box office\")").example("alice")},
                   {"requested_at", time()},
                   {"decided_by", text().nullable().describe("Staff username (holders see \"box office\")").example("admin")},
                   {"decided_at", time().nullable()},
                   {"notes", text().nullable()},
                   {"completed_at", time().nullable()},
                   {"refunded_amount", money().nullable().describe("The money returned, once completed")},
                   {"sale_id", integer().nullable()},
                   {"price_paid", money().nullable().describe("What the ticket was sold for (null: issued by approval, 0)")},
                   {"refundable", money().describe("Price paid minus what other refunds of the ticket returned").example("25.00")},
                   {"currency", text().example("EUR").describe("The event's (ISO 4217): every amount of the refund is in it")},
                   {"buyer_name", text().nullable().describe("Staff only: the sale's buyer")},
                   {"buyer_email", text().nullable().describe("Staff only")},
                   {"purchaser_name", text().nullable().describe("Staff only: who bought or registered")},
                   {"purchaser_email", text().nullable().describe("Staff only")}});
  });
}

S transfer() {
  return ref("Transfer", [] {
    return object({{"id", id()},
                   {"serial", text().example("EVT2025-000123")},
                   {"event_id", id()},
                   {"event_name", text().example("Summer Fest 2026")},
                   {"status", transfer_status()},
                   {"from_username", text().example("alice")},
                   {"to_username", text().nullable().example("bob")},
                   {"to_email", text().nullable().describe("Set when offered to an email rather than an account")},
                   {"notes", text().nullable()},
                   {"created_at", time()},
                   {"decided_at", time().nullable()}});
  });
}

S ticket_event() {
  return ref("TicketEvent", [] {
    return object({{"id", integer().describe("0 for a gate scan (admitted, exited): not a stored change").example(17)},
                   {"action", text()
                                  .describe("sold, claimed, transfer_offered, transferred, refund_requested, refunded, "
                                            "refund_rejected or voided; admitted or exited for the gate's scans")
                                  .example("sold")},
                   {"actor", text().example("admin")},
                   {"at", time()},
                   {"from_holder", text().nullable()},
                   {"to_holder", text().nullable().example("alice")},
                   {"old_code_id", integer().nullable().describe("The code replaced (a transfer)")},
                   {"new_code_id", integer().nullable()},
                   {"details", free_object().describe("More about the change; a scan's gate and device_id")}});
  });
}
}  // namespace schemas

}  // namespace gatepass::http
