#include "app/refunds.hpp"

#include "app/holders.hpp"
#include "app/outbox.hpp"
#include "app/ticket_change.hpp"
#include "domain/error.hpp"
#include "domain/money.hpp"
#include "domain/time.hpp"
#include "store/events_repo.hpp"
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

// A holder sees staff as a role, never a username (docs/accounts.md), and no buyer or purchaser.
Refund as_seen_by(Refund r, const Principal& who) {
  if (who.role != Role::attendee) return r;
  r.requested_by_name = r.requested_by == who.user_id ? "you" : "box office";
  if (r.decided_by_name) r.decided_by_name = "box office";
  r.buyer_name.reset();
  r.buyer_email.reset();
  r.purchaser_name.reset();
  r.purchaser_email.reset();
  return r;
}

std::int64_t cents(const std::optional<std::string>& amount) {
  return money::parse_cents(amount.value_or("0.00")).value_or(0);
}

// 422 amount_too_large above `refundable_cents`, unless an admin gives a reason (audited).
void check_amount(const std::string& amount, std::int64_t refundable_cents, const Principal& by,
                  const std::optional<std::string>& override_reason) {
  if (cents(amount) <= refundable_cents) return;
  if (by.role == Role::admin && override_reason && !v::trim(*override_reason).empty()) return;
  throw Error(ErrorCode::amount_too_large,
              "At most " + money::format_cents(refundable_cents) + " can be refunded for this ticket",
              {{"amount", "must not be more than " + money::format_cents(refundable_cents)}});
}

// Holders may ask until refunds_until (default: the event's start) and never for an admitted ticket.
std::optional<std::string> refund_closed_reason(const TicketView& t, const std::optional<Event>& event, Millis now) {
  if (t.ticket.status == TicketStatus::used || t.ticket.used_at) return "This ticket was used at the entrance";
  if (!event) return std::nullopt;
  const auto until = event->refunds_until ? event->refunds_until : event->starts_at;
  if (until && now > *until) return "Refunds for this event closed at " + format_iso8601(*until);
  return std::nullopt;
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
    mail::Vars vars{{"serial", t.ticket.serial},
                    {"decision", to == RequestStatus::approved ? "approved" : "rejected"},
                    // For translated templates, whose word for the decision differs (templates/mail/<locale>/).
                    {to == RequestStatus::approved ? "approved" : "rejected", "yes"},
                    {"notes", n.value_or("")}};
    // What will be refunded, shown in the holder's language ("12,50 €") by queue_mail.
    if (to == RequestStatus::approved && r.amount && cents(*r.amount) > 0) {
      vars["amount"] = *r.amount;
      vars["currency"] = t.currency;
    }
    queue_mail(c, "refund_decided", t.holder_email, t.holder_name, t.ticket.event_id, t.ticket.id, std::move(vars), now);
    out = refund_or_404(c, id);
  });
  return out;
}
}  // namespace

Refund request_refund(Context& ctx, const Principal& by, const RefundInput& in) {
  FieldErrors errors;
  if (auto e = v::check_text(in.reason, 1000, true)) errors.add("reason", *e);
  if (in.override_reason)
    if (auto e = v::check_text(*in.override_reason, 500, false)) errors.add("override_reason", *e);
  errors.throw_if_any();
  const auto amount = checked_amount(in.amount, "amount");
  Refund out;
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) {
      // One change of this ticket at a time: the pending checks below read other tables.
      store::tickets::lock_for_change(c, in.serial);
      // A holder reaches only their own tickets; "not found" says nothing about anyone else's.
      const auto t = by.role == Role::admin ? ticket_or_404(c, in.serial) : held_ticket_or_404(c, by, in.serial, now);
      const auto closed = refund_closed_reason(t, store::events::find(c, t.ticket.event_id), now);
      if (closed && by.role != Role::admin) throw Error(ErrorCode::refund_closed, *closed);
      require_allowed(t.ticket.status, ticket_state::Action::request_refund);
      const auto refundable = std::max<std::int64_t>(0, cents(t.ticket.price) - store::refunds::returned_cents(c, t.ticket.id));
      const std::string asked = amount ? *amount : money::format_cents(refundable);
      check_amount(asked, refundable, by, in.override_reason);
      if (store::transfers::pending_for(c, t.ticket.id))
        throw Error(ErrorCode::transfer_open, "A transfer of this ticket is pending; cancel it before asking for a refund");
      if (store::refunds::pending_for(c, t.ticket.id))
        throw Error(ErrorCode::refund_open, "A refund request for this ticket is already pending");
      Refund r;
      r.ticket_id = t.ticket.id;
      r.event_id = t.ticket.event_id;
      r.sale_id = t.ticket.sale_id;
      r.reason = v::trim(in.reason);
      r.amount = asked;
      r.requested_by = by.user_id;
      r.requested_at = now;
      r.id = store::refunds::insert(c, r);
      TicketChange ch{"refund_requested", std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}};
      ch.details["refund_id"] = r.id;
      ch.details["amount"] = asked;
      if (closed) ch.details["after_cutoff"] = true;
      if (cents(asked) > refundable) {
        ch.details["override_reason"] = v::trim(*in.override_reason);
        ch.details["refundable"] = money::format_cents(refundable);
      }
      record_ticket_change(c, Actor::of(by), t, ch, now);
      if (cents(asked) > refundable) {
        AuditRecord rec{"refund.override", "refund", std::to_string(r.id), t.ticket.event_id, {}};
        rec.details["serial"] = t.ticket.serial;
        rec.details["amount"] = asked;
        rec.details["refundable"] = money::format_cents(refundable);
        rec.details["reason"] = v::trim(*in.override_reason);
        record_audit(c, Actor::of(by), rec, now);
      }
      out = as_seen_by(refund_or_404(c, r.id), by);
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
                       const std::optional<std::string>& notes, const std::optional<std::string>& override_reason) {
  const auto a = checked_amount(amount, "amount");
  const auto n = checked_notes(notes);
  if (override_reason)
    if (auto e = v::check_text(*override_reason, 500, false))
      throw Error(ErrorCode::validation, "Bad override_reason", {{"override_reason", *e}});
  Refund out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto r = refund_or_404(c, id);
    // By default the refundable amount, not what the holder typed.
    const std::string returned = a ? *a : r.refundable;
    const auto refundable = cents(r.refundable);
    check_amount(returned, refundable, by, override_reason);
    if (cents(returned) > refundable) {
      AuditRecord rec{"refund.override", "refund", std::to_string(r.id), r.event_id, {}};
      rec.details["serial"] = r.serial;
      rec.details["amount"] = returned;
      rec.details["refundable"] = r.refundable;
      rec.details["reason"] = v::trim(*override_reason);
      record_audit(c, Actor::of(by), rec, now);
    }
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
    out = as_seen_by(refund_or_404(c, id), by);
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
  for (auto& r : out) r = as_seen_by(std::move(r), me);
  return out;
}

}  // namespace gatepass::app
