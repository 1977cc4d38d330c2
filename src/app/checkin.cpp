#include "app/checkin.hpp"

#include "app/audit.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/serial.hpp"
#include "domain/ticket_state.hpp"
#include "domain/validation.hpp"
#include "domain/ticket_token.hpp"
#include "store/idempotency_repo.hpp"
#include "store/ticket_events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {

// Audit reason of a genuine code that is not the ticket's current one.
constexpr const char* kSuperseded = "superseded_code";

// What a code names, decided from its text alone (no I/O): a signed payload's (event, number)
// claims, or a serial typed by hand.
struct Resolved {
  std::optional<ticket_token::Claims> claims;
  std::optional<std::string> serial;
  std::string reason;  // why it is invalid, for the audit log
  bool valid() const { return claims || serial; }
};

Resolved resolve(const std::string& code) {
  Resolved r;
  if (!ticket_token::looks_like_payload(code)) {
    r.serial = normalise_serial(code);
    if (!r.serial) r.reason = "malformed";
    return r;
  }
  r.claims = ticket_token::peek(code);
  if (!r.claims) r.reason = "malformed_payload";
  return r;
}

// Online check of a scanned payload: it must be byte-for-byte the payload this server signed and
// stored for that ticket. That is at least as strong as checking the signature (a forger would
// have to guess the 64-byte signature) and costs no public-key operation on the hot path. The
// signature itself is what OFFLINE scanners check; here it is only used to explain rejections.
std::optional<TicketView> load(store::Connection& c, const Resolved& r, const std::string& code, std::string& reason) {
  std::optional<TicketView> t;
  if (r.claims) {
    t = store::tickets::find_by_number(c, r.claims->event_id, static_cast<std::int64_t>(r.claims->ticket_number));
    if (t && !crypto::constant_time_equal(t->ticket.qr_payload, code)) t.reset();
  } else if (r.serial) {
    t = store::tickets::find_by_serial(c, *r.serial);
  }
  if (!t && reason.empty()) reason = "unknown_ticket";
  return t;
}

// Cold path, for the audit log only: why did a well-formed payload not match?
std::string explain_rejected_payload(Context& ctx, store::Connection& c, const std::string& code,
                                     const ticket_token::Claims& claims) {
  const auto key = ctx.keys.public_key(c, claims.key_id);
  if (!key || key->event_id != static_cast<Id>(claims.event_id)) return "unknown_key";
  if (!ticket_token::verify(code, key->bytes)) return "bad_signature";
  return kSuperseded;  // genuinely signed by us, but not the ticket's current code: a transfer replaced it
}

AuditRecord attempt_record(const char* action, const std::string& code, const std::optional<TicketView>& t,
                           const std::string& reason) {
  AuditRecord rec{action, "ticket", std::nullopt, std::nullopt, {}};
  if (t) {
    rec.entity_id = t->ticket.serial;
    rec.event_id = t->ticket.event_id;
  } else {
    // Enough to investigate, bounded in size, and storable whatever bytes were sent.
    rec.details["code"] = validation::escape_bytes(code, 64);
  }
  if (!reason.empty()) rec.details["reason"] = reason;
  return rec;
}

Error invalid_error() { return Error(ErrorCode::invalid_ticket, "Invalid ticket: unknown or forged code"); }
Error superseded_error() {
  return Error(ErrorCode::superseded, "This code was replaced when the ticket was transferred: do not admit");
}

// Serials are short and sequential: a scanner may look one up only at its own gate, so a lost
// or borrowed scanner account cannot page through every event's holders.
void require_gate_for_serial(const Principal& by, const Resolved& r, const std::optional<Id>& gate_event) {
  if (r.serial && by.role == Role::scanner && !gate_event)
    throw Error(ErrorCode::validation, "Choose the gate's event before looking up a serial",
                {{"event_id", "is required when a scanner looks up a ticket by serial"}});
}

CheckInOutcome outcome_of(const std::string& stored) {
  for (auto o : {CheckInOutcome::admitted, CheckInOutcome::already_used, CheckInOutcome::not_valid,
                 CheckInOutcome::wrong_event, CheckInOutcome::superseded})
    if (stored == to_string(o)) return o;
  return CheckInOutcome::invalid;
}

}  // namespace

std::string_view to_string(CheckInOutcome o) {
  switch (o) {
    case CheckInOutcome::admitted: return "admitted";
    case CheckInOutcome::already_used: return "already_used";
    case CheckInOutcome::not_valid: return "not_valid";
    case CheckInOutcome::invalid: return "invalid";
    case CheckInOutcome::wrong_event: return "wrong_event";
    case CheckInOutcome::superseded: return "superseded";
  }
  return "invalid";
}

Verified verify_ticket(Context& ctx, const Principal& by, const std::string& code, std::optional<Id> gate_event) {
  const Resolved r = resolve(code);
  require_gate_for_serial(by, r, gate_event);
  std::string reason = r.reason;
  std::optional<TicketView> t;
  if (r.valid())
    ctx.db.read_one([&](store::Connection& c) {
      t = load(c, r, code, reason);  // one statement; the rejection path's extra reads need no snapshot
      if (!t && r.claims) reason = explain_rejected_payload(ctx, c, code, *r.claims);
    });
  // Rejections are audited through the queue: this is a read route on an I/O thread, and a
  // phone re-reading a bad code must not wait for (or stall others behind) an fsync.
  if (!t) {
    record_audit_later(ctx, Actor::of(by), attempt_record("checkin.verify_invalid", code, t, reason));
    if (reason == kSuperseded) throw superseded_error();
    throw invalid_error();
  }
  if (gate_event && t->ticket.event_id != *gate_event) {
    record_audit_later(ctx, Actor::of(by), attempt_record("checkin.wrong_event", code, t, "gate is for event " + std::to_string(*gate_event)));
    throw Error(ErrorCode::wrong_event, "This ticket is for " + t->event_name + ", not for this gate's event");
  }
  Verified out{*t, ticket_state::gate_refusal(t->ticket.status)};
  if (out.refusal) {
    if (*out.refusal != ErrorCode::already_used)
      record_audit_later(ctx, Actor::of(by), attempt_record("checkin.verify_not_valid", code, t,
                                                            std::string(to_string(t->ticket.status))));
  }
  return out;
}

CheckIn check_in_ticket(Context& ctx, const Principal& by, const std::string& code,
                        const std::optional<std::string>& idempotency_key, std::optional<Id> gate_event) {
  const Resolved resolved = resolve(code);
  require_gate_for_serial(by, resolved, gate_event);
  CheckIn out;
  for (int attempt = 0;; ++attempt) {
    try {
      const Millis now = ctx.now();
      ctx.db.write([&](store::Connection& c) {
        out = {};  // the backend may re-run this after a serialization failure
        if (idempotency_key) {
          if (auto stored = store::idempotency::find(c, by.user_id, *idempotency_key)) {
            // A replay answers only the very same request: same code AND same gate event.
            if (stored->request != code || stored->event_id != gate_event)
              throw Error(ErrorCode::idempotency_key_reused,
                          "This Idempotency-Key was already used for another request (other code or event)",
                          {{"Idempotency-Key", "send a new key for a new scan"}});
            out.replayed = true;
            out.outcome = outcome_of(stored->outcome);
            if (stored->serial) out.ticket = store::tickets::find_by_serial(c, *stored->serial);
            return;
          }
        }
        std::string reason = resolved.reason;
        out.ticket = resolved.valid() ? load(c, resolved, code, reason) : std::nullopt;
        const char* action = "checkin.invalid";
        if (!out.ticket) {
          out.outcome = CheckInOutcome::invalid;
          if (resolved.claims) reason = explain_rejected_payload(ctx, c, code, *resolved.claims);
          if (reason == kSuperseded) out.outcome = CheckInOutcome::superseded;
        } else if (gate_event && out.ticket->ticket.event_id != *gate_event) {
          out.outcome = CheckInOutcome::wrong_event;  // genuine, but this gate does not admit it
          action = "checkin.wrong_event";
          reason = "gate is for event " + std::to_string(*gate_event);
        } else if (store::tickets::mark_used(c, out.ticket->ticket.id, now, by.user_id) == 1) {
          out.outcome = CheckInOutcome::admitted;
          out.ticket->ticket.status = TicketStatus::used;
          out.ticket->ticket.used_at = now;
          out.ticket->ticket.used_by = by.user_id;
          action = "checkin.admitted";
          store::ticket_events::insert(c, {0, out.ticket->ticket.id, out.ticket->ticket.event_id, "admitted", by.user_id,
                                           by.username, now, std::nullopt, std::nullopt, std::nullopt, std::nullopt, "{}"});
        } else {
          // Not admitted: an earlier check-in won, or the ticket's state refuses entry. Report
          // the state as it is now, with the state table's reason.
          out.ticket = store::tickets::find_by_number(c, out.ticket->ticket.event_id, out.ticket->ticket.number);
          const auto refusal = ticket_state::gate_refusal(out.ticket->ticket.status);
          out.outcome = refusal == ErrorCode::already_used ? CheckInOutcome::already_used : CheckInOutcome::not_valid;
          action = out.outcome == CheckInOutcome::already_used ? "checkin.duplicate" : "checkin.not_valid";
          if (out.outcome == CheckInOutcome::not_valid) reason = std::string(to_string(out.ticket->ticket.status));
        }
        record_audit(c, Actor::of(by), attempt_record(action, code, out.ticket, reason), now);
        if (idempotency_key)
          store::idempotency::insert(c, by.user_id, *idempotency_key,
                                     {code, gate_event, std::string(to_string(out.outcome)),
                                      out.ticket ? std::optional(out.ticket->ticket.serial) : std::nullopt},
                                     now);
      });
      return out;
    } catch (const store::UniqueViolation&) {
      // Two requests with the same idempotency key raced (PostgreSQL); the re-run replays the winner.
      if (!idempotency_key || attempt >= 2) throw;
    }
  }
}

std::int64_t prune_idempotency_keys(Context& ctx) {
  std::int64_t removed = 0;
  const Millis cutoff = ctx.now() - kIdempotencyRetentionMs;
  ctx.db.write([&](store::Connection& c) { removed = store::idempotency::delete_older_than(c, cutoff); });
  return removed;
}

}  // namespace gatepass::app
