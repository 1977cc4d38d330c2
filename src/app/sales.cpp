#include "app/sales.hpp"

#include "domain/locale.hpp"

#include "app/outbox.hpp"
#include "app/ticket_change.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/validation.hpp"
#include "store/events_repo.hpp"
#include "store/sales_repo.hpp"
#include "store/ticket_types_repo.hpp"
#include "store/tickets_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace {
namespace v = validation;

struct CheckedSale {
  std::string buyer_name;
  std::string buyer_email;
  std::optional<std::string> price;
};

CheckedSale check(const SaleInput& in, FieldErrors errors = {}) {
  if (auto e = v::check_text(in.buyer_name, 200, true)) errors.add("buyer_name", *e);
  const std::string email = v::trim(in.buyer_email);
  if (auto e = v::check_email(email)) errors.add("buyer_email", *e);
  CheckedSale out{v::trim(in.buyer_name), email, std::nullopt};
  if (in.price) {
    out.price = money::canonical(*in.price);
    if (!out.price) errors.add("price", "must be a decimal amount like 25.00 (at most 2 decimals)");
  }
  if (in.holder_username && in.holder_username->size() > 64) errors.add("holder_username", "is too long");
  errors.throw_if_any();
  return out;
}

// The account that will hold the tickets: it must be an active attendee.
std::optional<User> holder_account(store::Connection& c, const std::optional<std::string>& username) {
  if (!username) return std::nullopt;
  auto u = store::users::find_by_username(c, store::users::Namespace::holder, *username);
  if (!u || !u->active || u->role != Role::attendee)
    throw Error(ErrorCode::validation, "Unknown holder account", {{"holder_username", "is not an attendee account"}});
  return u;
}

// An event offered by registration only is not sold at the box office (docs/registration.md):
// the organiser chose the form (and its review) as the one way in.
void require_box_office(store::Connection& c, Id event_id) {
  if (store::events::sales_channel(c, event_id) == "registration")
    throw Error(ErrorCode::wrong_sales_channel, "This event's tickets are given by registration only, not sold at the box office",
                {{"event_id", "is offered by registration only (sales_channel); change it to both to sell here"}});
}

// Marks each picked ticket sold (one conditional write each) and records the history.
std::vector<TicketView> sell_picked(Context& ctx, store::Connection& c, const Principal& by, const std::vector<Id>& ids,
                                    const store::tickets::Holder& holder, const Sale& sale, const std::string& price,
                                    Millis now) {
  const Id sale_id = sale.id;
  // The buyer's language; a holder account's own one wins (the ticket's stored locale).
  const auto lang = sale.holder_user_id ? std::nullopt : sale.locale;
  std::vector<TicketView> sold;
  for (Id id : ids) {
    if (store::tickets::mark_sold(c, id, holder, sale_id, price) != 1) throw_refusal(c, id, ticket_state::Action::sell);
    auto t = *store::tickets::find_by_id(c, id);
    TicketChange ch{"sold", std::nullopt, holder_label(t), std::nullopt, std::nullopt, {}};
    ch.details["sale_id"] = sale_id;
    ch.details["price"] = price;
    record_ticket_change(c, Actor::of(by), t, ch, now);
    queue_ticket_mail(ctx, c, "ticket_sold", t, {}, now, nullptr, lang);
    sold.push_back(std::move(t));
  }
  return sold;
}
// The buyer's language as asked (body, else Accept-Language); nullopt: the event's default.
std::optional<std::string> buyer_locale(const SaleInput& in) {
  if (in.locale)
    if (auto m = locale::match(*in.locale)) return m;
  if (in.accept_language) return locale::from_accept_language(*in.accept_language);
  return std::nullopt;
}
}  // namespace

SaleResult sell_ticket(Context& ctx, const Principal& by, const std::string& serial, const SaleInput& in) {
  const auto checked = check(in);
  SaleResult out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto t = ticket_or_404(c, serial);
    require_allowed(t.ticket.status, ticket_state::Action::sell);
    require_box_office(c, t.ticket.event_id);
    const auto holder = holder_account(c, in.holder_username);
    const std::string price = checked.price ? *checked.price : t.ticket.price.value_or("0.00");
    Sale s{0, t.ticket.event_id, t.ticket.ticket_type_id, checked.buyer_name, checked.buyer_email, 1, price, price,
           t.currency, holder ? std::optional(holder->id) : std::nullopt, by.user_id, by.username, now, buyer_locale(in)};
    s.id = store::sales::insert(c, s);
    out.tickets = sell_picked(ctx, c, by, {t.ticket.id},
                              {checked.buyer_name, checked.buyer_email, s.holder_user_id}, s, price, now);
    if (t.ticket.ticket_type_id) store::ticket_types::count_sold(c, *t.ticket.ticket_type_id, 1);
    out.sale = s;
  });
  return out;
}

SaleResult sell_tickets(Context& ctx, const Principal& by, Id event_id, Id ticket_type_id, std::int64_t quantity,
                        const SaleInput& in) {
  FieldErrors errors;
  if (quantity < 1 || quantity > kMaxSaleQuantity) errors.add("quantity", "must be between 1 and 50");
  const auto checked = check(in, errors);
  SaleResult out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto type = store::ticket_types::find(c, ticket_type_id);
    if (!type || type->event_id != event_id)
      throw Error(ErrorCode::validation, "Unknown ticket type", {{"ticket_type_id", "is not a ticket type of this event"}});
    require_box_office(c, event_id);
    const auto holder = holder_account(c, in.holder_username);
    // Locked picks (SKIP LOCKED on PostgreSQL): racing sales take different tickets, and each
    // sale's conditional writes would refuse a ticket another sale got first anyway.
    const auto ids = store::tickets::pick_unsold(c, ticket_type_id, quantity);
    if (static_cast<std::int64_t>(ids.size()) < quantity)
      throw Error(ErrorCode::sold_out, ids.empty() ? "Sold out: no unsold '" + type->name + "' tickets are left"
                                                   : "Only " + std::to_string(ids.size()) + " unsold '" + type->name +
                                                         "' tickets are left");
    const auto unit = *money::parse_cents(type->price);
    Sale s{0, event_id, ticket_type_id, checked.buyer_name, checked.buyer_email, quantity, type->price,
           money::format_cents(unit * quantity), type->currency, holder ? std::optional(holder->id) : std::nullopt,
           by.user_id, by.username, now, buyer_locale(in)};
    s.id = store::sales::insert(c, s);
    out.tickets = sell_picked(ctx, c, by, ids, {checked.buyer_name, checked.buyer_email, s.holder_user_id}, s,
                              type->price, now);
    store::ticket_types::count_sold(c, ticket_type_id, quantity);
    out.sale = s;
  });
  return out;
}

std::vector<Sale> list_sales(Context& ctx, Id event_id, const PageRequest& page) {
  std::vector<Sale> out;
  ctx.db.read_one([&](store::Connection& c) { out = store::sales::of_event(c, event_id, page.limit, page.offset); });
  return out;
}

}  // namespace gatepass::app
