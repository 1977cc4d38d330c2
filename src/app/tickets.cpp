#include "app/tickets.hpp"

#include "domain/error.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

TicketView find_ticket(Context& ctx, const std::string& serial) {
  std::optional<TicketView> t;
  if (serial.size() <= 40) ctx.db.read_one([&](store::Connection& c) { t = store::tickets::find_by_serial(c, serial); });
  if (!t) throw Error(ErrorCode::not_found, "No ticket with this serial");
  return *t;
}

}  // namespace gatepass::app
