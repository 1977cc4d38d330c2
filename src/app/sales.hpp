#pragma once
// The box office sells generated tickets: one by serial, or N of a type picked atomically. A
// sale record keeps buyer, price, seller and time; refunds reference it.
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

struct SaleInput {
  std::string buyer_name;
  std::string buyer_email;
  std::optional<std::string> price;            // one ticket: overrides the type's price
  std::optional<std::string> holder_username;  // an attendee account that then holds the tickets
  // Issue 24: the buyer's language: the body's `locale`, else Accept-Language; stored on the sale
  // (nullopt: neither matched, and the mails use the event's default).
  std::optional<std::string> locale;
  std::optional<std::string> accept_language;
};
struct SaleResult {
  Sale sale;
  std::vector<TicketView> tickets;
};
inline constexpr std::int64_t kMaxSaleQuantity = 50;

SaleResult sell_ticket(Context& ctx, const Principal& by, const std::string& serial, const SaleInput& in);
// 409 sold_out when fewer than `quantity` unsold tickets of the type remain.
SaleResult sell_tickets(Context& ctx, const Principal& by, Id event_id, Id ticket_type_id, std::int64_t quantity,
                        const SaleInput& in);
std::vector<Sale> list_sales(Context& ctx, Id event_id, const PageRequest& page);

}  // namespace gatepass::app
