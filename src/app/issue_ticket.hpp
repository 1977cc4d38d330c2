#pragma once
// Issuing a ticket is shared by approval and by registrations for events without approval.
#include "app/audit.hpp"
#include "app/context.hpp"

namespace gatepass::app {

// A ticket's QR code signed before the write transaction, off the SQLite writer thread
// (app/ticket_numbers.hpp): used when the ticket gets that number and the key is still the
// event's active one; otherwise (and on PostgreSQL) the code is signed inside the transaction.
struct PresignedCode {
  Id key_id = 0;
  std::int64_t number = 0;
  std::string payload;
};
PresignedCode presign_code(const SigningKey& key, Id event_id, std::int64_t number);

// Inside the caller's write transaction, after the registration became `approved`: signs the QR
// payload for `number` and stores the ticket. `number` is taken before the transaction from
// ctx.numbers where numbers are reserved ahead (PostgreSQL); without one, the next number is
// taken here, in this transaction (SQLite; or PostgreSQL when ctx.numbers found the event full,
// which this confirms). At capacity: 409. Exactly one ticket per registration (unique index as
// the last guard).
TicketView issue_ticket(Context& ctx, store::Connection& c, const Registration& reg, const Actor& actor, Millis now,
                        std::optional<std::int64_t> number, const PresignedCode* presigned = nullptr);

}  // namespace gatepass::app
