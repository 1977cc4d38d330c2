#pragma once
// Refund requests: the holder (or an admin for them) asks; an admin approves, which makes the
// ticket `refunded` in the same transaction (the gate refuses it from that commit on), or
// rejects; "complete" records the money returned. One pending request per ticket.
#include <vector>

#include "app/context.hpp"
#include "domain/box_office.hpp"

namespace gatepass::app {

struct RefundInput {
  std::string serial;
  std::string reason;
  std::optional<std::string> amount;           // default: the refundable amount
  std::optional<std::string> override_reason;  // admin only: more than refundable, or after the cut-off
};
Refund request_refund(Context& ctx, const Principal& by, const RefundInput& in);
Refund approve_refund(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& notes);
Refund reject_refund(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& notes);
Refund complete_refund(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& amount,
                       const std::optional<std::string>& notes,
                       const std::optional<std::string>& override_reason = std::nullopt);
Refund cancel_refund(Context& ctx, const Principal& by, Id id);  // the requester, while pending
std::vector<Refund> list_refunds(Context& ctx, std::optional<RequestStatus> status, const PageRequest& page);
std::vector<Refund> my_refunds(Context& ctx, const Principal& me);

}  // namespace gatepass::app
