#include "app/refunds.hpp"

#include "app/outbox.hpp"
#include "app/ticket_change.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/validation.hpp"
#include "store/requests_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
namespace v = validation;

std::optional<std::string> checked_notes(const std::optional<std::string>& notes) {
  if (!notes) return std::nullopt;
  if (auto e = v::check_text(*notes, 1000, false)) throw Error(ErrorCode::validation, "Bad notes", {{"notes", *e}});
  return v::trim(*notes);
}

std::optional<std::string> checked_amount(const std::optional<std::string>& amount, const char* field) {
  if (!amount) return std::nullopt;
  auto canonical = money::canonical(*amount);
  if (!canonical) throw Error(ErrorCode::validation, "Bad amount", {{field, "must be a decimal amount like 25.00"}});
  return canonical;
}

Refund refund_or_404(store::Connection& c, Id id) {
  auto r = store::refunds::find(c, id);
  if (!r) throw Error(ErrorCode::not_found, "No refund request with id " + std::to_string(id));
  return *r;
}

// The request's status moved on meanwhile (another admin, a cancel): say what it is now.
[[noreturn]] void already_decided(store::Connection& c, Id id) {
  throw Error(ErrorCode::conflict,
              "This refund request is " + std::string(to_string(refund_or_404(c, id).status)) + " already");
}

void audit_refund(store::Connection& c, const Principal& by, const char* action, const Refund& r, Millis now) {
  AuditRecord rec{action, "refund", std::to_string(r.id), r.event_id, {}};
  rec.details["serial"] = r.serial;
  record_audit(c, Actor::of(by), rec, now);
}

Refund decide(Context& ctx, const Principal& by, Id id, RequestStatus to, const std::optional<std::string>& notes) {
  const auto n = checked_notes(notes);
  Refund out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto r = refund_or_404(c, id);
    if (store::refunds::decide(c, id, RequestStatus::pending, to, by.user_id, n, now) != 1) already_decided(c, id);
    const auto t = *store::tickets::find_by_id(c, r.ticket_id);
    if (to == RequestStatus::approved) {
      // The ticket's own conditional write: a ticket used meanwhile is not refunded (and the
      // decision above rolls back with it).
      if (store::tickets::mark_refunded(c, r.ticket_id) != 1) throw_refusal(c, r.ticket_id, ticket_state::Action::refund);
    }
    TicketChange ch{to == RequestStatus::approved ? "refunded" : "refund_rejected", std::nullopt, std::nullopt,
                    std::nullopt, std::nullopt, {}};
    ch.details["refund_id"] = id;
    record_ticket_change(c, Actor::of(by), t, ch, now);
    queue_mail(c, "refund_decided", t.holder_email, t.holder_name, t.ticket.event_id, t.ticket.id,
               {{"serial", t.ticket.serial},
                {"decision", to == RequestStatus::approved ? "approved" : "rejected"},
                {"notes", n.value_or("")}},
               now);
    out = refund_or_404(c, id);
  });
  return out;
}
}  // namespace

Refund request_refund(Context& ctx, const Principal& by, const RefundInput& in) {
  FieldErrors errors;
  if (auto e = v::check_text(in.reason, 1000, true)) errors.add("reason", *e);
  errors.throw_if_any();
  const auto amount = checked_amount(in.amount, "amount");
  Refund out;
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) {
      const auto t = ticket_or_404(c, in.serial);
      // A holder reaches only their own tickets; "not found" says nothing about anyone else's.
      if (by.role != Role::admin && t.ticket.holder_user_id != by.user_id)
        throw Error(ErrorCode::not_found, "No ticket with this serial");
      require_allowed(t.ticket.status, ticket_state::Action::request_refund);
      if (store::transfers::pending_for(c, t.ticket.id))
        throw Error(ErrorCode::transfer_open, "A transfer of this ticket is pending; cancel it before asking for a refund");
      if (store::refunds::pending_for(c, t.ticket.id))
        throw Error(ErrorCode::refund_open, "A refund request for this ticket is already pending");
      Refund r;
      r.ticket_id = t.ticket.id;
      r.event_id = t.ticket.event_id;
      r.sale_id = t.ticket.sale_id;
      r.reason = v::trim(in.reason);
      r.amount = amount ? amount : t.ticket.price;
      r.requested_by = by.user_id;
      r.requested_at = now;
      r.id = store::refunds::insert(c, r);
      TicketChange ch{"refund_requested", std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
      ch.details["refund_id"] = r.id;
      record_ticket_change(c, Actor::of(by), t, ch, now);
      out = refund_or_404(c, r.id);
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::refund_open, "A refund request for this ticket is already pending");
  }
  return out;
}

Refund approve_refund(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& notes) {
  return decide(ctx, by, id, RequestStatus::approved, notes);
}

Refund reject_refund(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& notes) {
  return decide(ctx, by, id, RequestStatus::rejected, notes);
}

Refund complete_refund(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& amount,
                       const std::optional<std::string>& notes) {
  const auto a = checked_amount(amount, "amount");
  const auto n = checked_notes(notes);
  Refund out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto r = refund_or_404(c, id);
    const std::string returned = a ? *a : r.amount.value_or("0.00");
    if (store::refunds::complete(c, id, returned, n, now) != 1) {
      if (r.status == RequestStatus::pending)
        throw Error(ErrorCode::conflict, "Approve the refund request before completing it");
      already_decided(c, id);
    }
    out = refund_or_404(c, id);
    audit_refund(c, by, "refund.complete", out, now);
  });
  return out;
}

Refund cancel_refund(Context& ctx, const Principal& by, Id id) {
  Refund out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto r = refund_or_404(c, id);
    if (r.requested_by != by.user_id) throw Error(ErrorCode::not_found, "No refund request with id " + std::to_string(id));
    if (store::refunds::decide(c, id, RequestStatus::pending, RequestStatus::cancelled, by.user_id, std::nullopt, now) != 1)
      already_decided(c, id);
    out = refund_or_404(c, id);
    audit_refund(c, by, "refund.cancel", out, now);
  });
  return out;
}

std::vector<Refund> list_refunds(Context& ctx, std::optional<RequestStatus> status, const PageRequest& page) {
  std::vector<Refund> out;
  ctx.db.read_one([&](store::Connection& c) {
    out = store::refunds::list(c, {status, std::nullopt}, page.limit, page.offset);
  });
  return out;
}

std::vector<Refund> my_refunds(Context& ctx, const Principal& me) {
  std::vector<Refund> out;
  ctx.db.read_one([&](store::Connection& c) { out = store::refunds::list(c, {std::nullopt, me.user_id}, 200, 0); });
  return out;
}

}  // namespace gatepass::app
