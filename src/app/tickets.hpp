#pragma once
#include "app/context.hpp"

namespace gatepass::app {
// A ticket by its human serial (admin views, QR downloads). Throws not_found.
TicketView find_ticket(Context& ctx, const std::string& serial);
}  // namespace gatepass::app
