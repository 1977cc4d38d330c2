#pragma once
// Refund and transfer requests. Each decision is a conditional write on the request's status
// (`WHERE status = 'pending'`), so two admins (or a cancel racing an accept) cannot both win;
// "one open request per ticket" is a partial unique index.
#include <optional>
#include <vector>

#include "domain/box_office.hpp"
#include "store/db.hpp"

namespace gatepass::store::refunds {

Id insert(Connection& c, const Refund& r);  // UniqueViolation: one is pending for the ticket
std::optional<Refund> find(Connection& c, Id id);
struct Filter {
  std::optional<RequestStatus> status;
  std::optional<Id> requested_by;
};
std::vector<Refund> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset);
// pending -> approved/rejected/cancelled; approved -> completed. 1 = changed now.
std::int64_t decide(Connection& c, Id id, RequestStatus from, RequestStatus to, std::optional<Id> by,
                    const std::optional<std::string>& notes, Millis now);
bool pending_for(Connection& c, Id ticket_id);
// Cents already returned or approved by refunds of the ticket.
std::int64_t returned_cents(Connection& c, Id ticket_id);
std::int64_t complete(Connection& c, Id id, const std::string& amount, const std::optional<std::string>& notes,
                      Millis now);

}  // namespace gatepass::store::refunds

namespace gatepass::store::transfers {

Id insert(Connection& c, const Transfer& t);  // UniqueViolation: one is pending for the ticket
std::optional<Transfer> find(Connection& c, Id id);
struct Filter {
  std::optional<RequestStatus> status;
  std::optional<Id> involving_user;  // sent by or to this user
  std::optional<Id> to_user;         // incoming: to this user or to their email
  std::optional<std::string> to_email;  // the user's email (lower-case), for both filters above
};
std::vector<Transfer> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset);
bool pending_for(Connection& c, Id ticket_id);
// Offers made since `since` for the ticket, or by the sender (exactly one of the two is given).
std::int64_t count_offers_since(Connection& c, std::optional<Id> ticket_id, std::optional<Id> from_user, Millis since);
std::int64_t decide(Connection& c, Id id, RequestStatus to, std::optional<Id> recipient, Millis now,
                    std::optional<std::int64_t> old_code_id = std::nullopt,
                    std::optional<std::int64_t> new_code_id = std::nullopt);

}  // namespace gatepass::store::transfers

namespace gatepass::store::requests {

// A refund or transfer of a ticket waiting for a decision (at most one per ticket), as the
// holder's ticket card shows it.
struct Pending {
  Id ticket_id = 0;
  Id id = 0;                 // the refund's or the transfer's id
  std::string kind;          // "refund" or "transfer"
  Id requested_by = 0;       // who asked for the refund, or sent the ticket (who may cancel)
  std::optional<std::string> to_username;  // transfers
  std::optional<std::string> to_email;     // transfers offered by email
  Millis created_at = 0;
};
std::vector<Pending> pending_for_tickets(Connection& c, const std::vector<Id>& ticket_ids);

}  // namespace gatepass::store::requests
