// A person's data (docs/privacy.md): export and erasure by address (admins), a holder's request to
// be erased from /my, and its confirmation.
#include "app/privacy/erase.hpp"
#include "app/privacy/export.hpp"
#include "app/privacy/requests.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/privacy_json.hpp"
#include "http/request_body.hpp"

namespace gatepass::http {

namespace {
struct EraseBody {
  Needed<std::string> email;
  std::optional<std::string> reason;
  std::optional<bool> dry_run;
  static void document(BodyDoc& d) {
    d.field("email").describe("Whose data: every table's address column is compared without case").max(254);
    d.field("reason").describe("Why (audited; left out if it names the person); not needed for a dry run").max(500);
    d.field("dry_run").describe("true: change nothing, answer what would be erased");
    d.example = {{"email", "zoe@example.com"}, {"reason", "Erasure request by mail of 2026-08-01"}};
  }
};
BOOST_DESCRIBE_STRUCT(EraseBody, (), (email, reason, dry_run))

struct ConfirmBody {
  std::optional<std::string> reason;
  static void document(BodyDoc& d) {
    d.field("reason").describe("For the audit log (default: requested by the holder)").max(500);
    d.example = {{"reason", "Confirmed by phone"}};
  }
};
BOOST_DESCRIBE_STRUCT(ConfirmBody, (), (reason))

schema::S my_request_schema() {
  return schema::object({{"request", std::move(schemas::privacy_request().nullable().describe("The latest request; null: none"))}});
}
boost::json::object my_request_json(const std::optional<store::privacy_requests::Request>& r) {
  return {{"request", r ? boost::json::value(to_json(*r)) : boost::json::value(nullptr)}};
}
}  // namespace

void add_privacy_routes(Router& r) {
  r.add({.method = "GET", .pattern = "/api/admin/privacy/export", .roles = {Role::admin}, .writes = true,
         .summary = "Everything held about an address, as one JSON document (audited: privacy.export)",
         .query = {{"email", schema::text().max(254), "Whose data", true}},
         .replies = {ok(schemas::privacy_export())}, .handler = [](RouteContext& c) {
           const auto email = query_text(c.req, "email", 254);
           return json_response(200, to_json(app::privacy::export_person(c.app, app::Actor::of(c.caller()), email)));
         }});
  r.add({.method = "POST", .pattern = "/api/admin/privacy/erase", .roles = {Role::admin}, .writes = true,
         .summary = "Erase a person's names, addresses, phones, teams, members, notes and attachments everywhere; serials, "
                    "states, counts, times and money stay (audited: privacy.erase). 404: nothing held",
         .body = json_body<EraseBody>(), .replies = {ok(schemas::privacy_erase_result())},
         .handler = [](RouteContext& c) {
           const auto b = decode<EraseBody>(c.req);
           return json_response(200, to_json(app::privacy::erase_person(c.app, app::Actor::of(c.caller()), b.email,
                                                                        b.reason, b.dry_run.value_or(false))));
         }});
  r.add({.method = "GET", .pattern = "/api/admin/privacy/requests", .roles = {Role::admin},
         .summary = "Holders' requests to be erased, open ones first",
         .query = paging({query("status", schema::one_of({"pending", "done"}), "Only requests in this state")}),
         .replies = {ok(schema::page(schemas::privacy_request()))}, .handler = [](RouteContext& c) {
           const auto page = page_request(c.req);
           return page_response(app::privacy::list_requests(c.app, query_text(c.req, "status", 16), page), page,
                                [](const store::privacy_requests::Request& x) { return to_json(x); });
         }});
  r.add({.method = "POST", .pattern = "/api/admin/privacy/requests/{id}/confirm", .roles = {Role::admin}, .writes = true,
         .summary = "Confirm a holder's request: erases their account and tickets, and everything under its address if "
                    "verified (409: confirmed already)",
         .body = optional_json_body<ConfirmBody>(), .replies = {ok(schemas::privacy_erase_result())},
         .handler = [](RouteContext& c) {
           const auto b = decode_optional<ConfirmBody>(c.req);
           return json_response(200, to_json(app::privacy::confirm_request(c.app, c.caller(), path_id(c.param("id"), "id"),
                                                                           b.reason)));
         }});
  r.add({.method = "POST", .pattern = "/api/me/privacy/erase-request", .roles = {Role::attendee}, .writes = true,
         .summary = "Ask for one's data to be erased; an admin confirms. Asking again while one is open answers that one",
         .replies = {ok(schemas::privacy_request())}, .handler = [](RouteContext& c) {
           return json_response(200, to_json(app::privacy::request_erasure(c.app, c.caller())));
         }});
  r.add({.method = "GET", .pattern = "/api/me/privacy/erase-request", .roles = {Role::attendee},
         .summary = "One's latest request to be erased", .replies = {ok(my_request_schema())},
         .handler = [](RouteContext& c) {
           return json_response(200, my_request_json(app::privacy::my_request(c.app, c.caller())));
         }});
}

}  // namespace gatepass::http
