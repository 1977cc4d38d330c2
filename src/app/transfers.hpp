#pragma once
// Handing a ticket to someone else: the holder offers it to an account (by username) or an
// email; the recipient accepts or rejects; the sender may cancel while it is pending. On accept
// the ticket keeps its serial, gets the recipient as holder and a NEW signed code; the old code
// is revoked (the gate answers `superseded`).
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

struct TransferInput {
  std::string serial;
  std::optional<std::string> to_username;
  std::optional<std::string> to_email;
  std::optional<std::string> notes;
};
Transfer create_transfer(Context& ctx, const Principal& me, const TransferInput& in);
struct Accepted {
  Transfer transfer;
  TicketView ticket;  // with its new code
};
Accepted accept_transfer(Context& ctx, const Principal& me, Id id);
Transfer reject_transfer(Context& ctx, const Principal& me, Id id);
Transfer cancel_transfer(Context& ctx, const Principal& me, Id id);
std::vector<Transfer> pending_transfers_to(Context& ctx, const Principal& me);
std::vector<Transfer> my_transfers(Context& ctx, const Principal& me);
std::vector<Transfer> list_transfers(Context& ctx, std::optional<RequestStatus> status, const PageRequest& page);

}  // namespace gatepass::app
