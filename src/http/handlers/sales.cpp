#include "app/sales.hpp"

#include "http/box_office_json.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/paging.hpp"
#include "http/request_body.hpp"
#include "http/request_locale.hpp"

namespace gatepass::http {

namespace {
// Missing names and emails are reported by the use case, together with every other problem.
struct SellOneBody {
  Needed<std::string> buyer_name;
  Needed<std::string> buyer_email;
  Money price;
  std::optional<std::string> holder_username;
  std::optional<std::string> locale;
  static void document(BodyDoc& d) {
    d.field("buyer_name").max(200);
    d.field("locale").max(35).describe("The buyer's language (en, de, fr, es; de-AT is de): their mails are in it. "
                                       "Default: Accept-Language, else the event's default_locale");
    d.field("price").describe("Overrides the ticket type's price (decimal text or a JSON number)");
    d.field("holder_username").describe("An attendee account that then holds the ticket");
    d.example = {{"buyer_name", "Bob Buyer"}, {"buyer_email", "bob@example.com"}, {"price", "20.00"}};
  }
};
BOOST_DESCRIBE_STRUCT(SellOneBody, (), (buyer_name, buyer_email, price, holder_username, locale))

// No price: several tickets sell at the ticket type's price.
struct SellManyBody {
  Needed<std::string> buyer_name;
  Needed<std::string> buyer_email;
  std::optional<std::string> holder_username;
  Required<std::int64_t> ticket_type_id;
  Required<std::int64_t> quantity;
  std::optional<std::string> locale;
  static void document(BodyDoc& d) {
    d.field("buyer_name").max(200);
    d.field("locale").max(35).describe("The buyer's language (en, de, fr, es; de-AT is de): their mails are in it. "
                                       "Default: Accept-Language, else the event's default_locale");
    d.field("holder_username").describe("An attendee account that then holds the tickets");
    d.field("ticket_type_id").describe("A ticket type of this event; the tickets sell at its price");
    d.field("quantity").range(1, app::kMaxSaleQuantity);
    d.example = {{"buyer_name", "Bob Buyer"}, {"buyer_email", "bob@example.com"}, {"ticket_type_id", 7}, {"quantity", 2}};
  }
};
BOOST_DESCRIBE_STRUCT(SellManyBody, (), (buyer_name, buyer_email, holder_username, ticket_type_id, quantity, locale))

template <class Body>
app::SaleInput sale_input(Body& b, const Request& req) {
  app::SaleInput in;
  in.buyer_name = b.buyer_name.value_or("");
  in.buyer_email = b.buyer_email.value_or("");
  in.holder_username = std::move(b.holder_username);
  in.locale = std::move(b.locale);
  in.accept_language = accept_language(req);
  return in;
}

// The sale with its tickets (admin view, with links to their QR image and PDF).
schema::S sale_with_tickets() {
  return schema::ref("SaleWithTickets", [] {
    const auto ticket = schema::ref("SoldTicket", [] {
      return std::move(schema::extend(schemas::ticket(TicketAudience::staff),
                                       {{"qr_png_url", schema::text().example("/api/tickets/EVT2025-000123/qr.png")},
                                        {"ticket_pdf_url", schema::text().example("/api/tickets/EVT2025-000123/ticket.pdf")}})
                           .describe("A sold ticket (admin view) with links to its QR image and printable PDF"));
    });
    return std::move(schema::extend(schemas::sale(), {{"tickets", schema::array(ticket)}})
                         .describe("The sale and the tickets it sold"));
  });
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
         .summary = "Sell one unsold ticket by its serial (at its type's price, or another)",
         .body = json_body<SellOneBody>(), .replies = {ok(sale_with_tickets())}, .handler = [](RouteContext& c) {
           auto b = decode<SellOneBody>(c.req);
           auto in = sale_input(b, c.req);
           in.price = std::move(b.price);
           return sale_response(200, app::sell_ticket(c.app, c.caller(), c.param("serial"), in));
         }});
  r.add({.method = "POST", .pattern = "/api/events/{id}/sell", .roles = {Role::admin}, .writes = true,
         .summary = "Sell a quantity of unsold tickets of a ticket type, picked atomically; 409 sold_out",
         .body = json_body<SellManyBody>(), .replies = {created(sale_with_tickets())}, .handler = [](RouteContext& c) {
           const auto body = parse_json_object(c.req);
           FieldErrors price;  // named with the other problems, as one 400
           if (body.contains("price"))
             price.add("price", "is the ticket type's price here; sell one ticket by serial to set another");
           SellManyBody b;
           try {
             b = decode_fields<SellManyBody>(body);
           } catch (const Error& e) {
             if (price.empty() || e.code() != ErrorCode::validation) throw;
             auto fields = e.fields();
             fields.insert(price.fields().begin(), price.fields().end());
             throw Error(ErrorCode::validation, e.what(), std::move(fields));
           }
           price.throw_if_any();
           const auto in = sale_input(b, c.req);
           return sale_response(201, app::sell_tickets(c.app, c.caller(), path_id(c.param("id"), "id"), *b.ticket_type_id,
                                                       *b.quantity, in));
         }});
  r.add({.method = "GET", .pattern = "/api/events/{id}/sales", .roles = {Role::admin, Role::viewer},
         .summary = "The event's sales, newest first", .query = paging(), .replies = {ok(schema::items(schemas::sale()))},
         .handler = [](RouteContext& c) {
           return json_response(200, items_json(app::list_sales(c.app, path_id(c.param("id"), "id"), page_request(c.req))));
         }});
}

}  // namespace gatepass::http
