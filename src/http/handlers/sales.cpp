#include "app/sales.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"

namespace gatepass::http {

namespace {
app::SaleInput read_sale(FieldReader& f) {
  app::SaleInput in;
  // Missing names and emails are reported by the use case, together with every other problem.
  in.buyer_name = f.string("buyer_name").value_or("");
  in.buyer_email = f.string("buyer_email").value_or("");
  in.price = f.decimal("price");
  in.holder_username = f.string("holder_username");
  return in;
}

Response sale_response(int status, const app::SaleResult& out) {
  auto body = to_json(out.sale);
  boost::json::array tickets;
  for (const auto& t : out.tickets) {
    auto j = ticket_json(t, TicketAudience::staff);
    j["qr_png_url"] = "/api/tickets/" + t.ticket.serial + "/qr.png";
    j["ticket_pdf_url"] = "/api/tickets/" + t.ticket.serial + "/ticket.pdf";
    tickets.push_back(std::move(j));
  }
  body["tickets"] = std::move(tickets);
  return json_response(status, body);
}
}  // namespace

void add_sale_routes(Router& r) {
  r.add({.method = "POST", .pattern = "/api/tickets/{serial}/sell", .roles = {Role::admin}, .writes = true,
         .summary = "Sell one unsold ticket {buyer_name, buyer_email, price?, holder_username?}",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           const auto in = read_sale(f);
           f.finish();
           return sale_response(200, app::sell_ticket(c.app, c.caller(), c.param("serial"), in));
         }});
  r.add({.method = "POST", .pattern = "/api/events/{id}/sell", .roles = {Role::admin}, .writes = true,
         .summary = "Sell {quantity} unsold tickets of {ticket_type_id}, picked atomically; 409 sold_out",
         .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldReader f(body);
           const auto in = read_sale(f);
           const auto type = f.integer("ticket_type_id");
           const auto quantity = f.integer("quantity");
           if (!type) f.errors().add("ticket_type_id", "is required");
           if (!quantity) f.errors().add("quantity", "is required");
           if (f.has("price")) f.errors().add("price", "is the ticket type's price here; sell one ticket by serial to set another");
           f.finish();
           return sale_response(201, app::sell_tickets(c.app, c.caller(), path_id(c.param("id"), "id"), *type, *quantity, in));
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/sales", .roles = {Role::admin, Role::viewer},
         .summary = "The event's sales, newest first", .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::list_sales(c.app, path_id(c.param("id"), "id"), page_request(c.req))));
         }});
}

}  // namespace gatepass::http
