#include "app/checkin.hpp"
#include "app/ops/metrics.hpp"

#include "app/audit.hpp"
#include "app/gate/assignment.hpp"
#include "app/ticket_lookup.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/serial.hpp"
#include "domain/ticket_state.hpp"
#include "domain/validation.hpp"
#include "domain/ticket_token.hpp"
#include "store/idempotency_repo.hpp"
#include "store/scans_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {

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

// The user behind a scan (none for an enrolled device: its rows carry its device_id).
std::optional<Id> user_of(const Principal& by) { return by.is_device() ? std::nullopt : std::optional<Id>(by.user_id); }

Error invalid_error() { return Error(ErrorCode::invalid_ticket, "Invalid ticket: unknown or forged code"); }
Error unknown_serial_error() {
  return Error(ErrorCode::unknown_serial, "No such serial: check the number",
               {{"code", "names no ticket (typed serials are read without spaces, case or padding)"}});
}
Error superseded_error() {
  return Error(ErrorCode::superseded, "This code was replaced when the ticket was transferred: do not admit");
}

// Serials are short and sequential: a scanner may look one up only at its own gate, so a lost
// or borrowed scanner account cannot page through every event's holders.
void require_gate_for_serial(const Principal& by, const Resolved& r, const std::optional<Id>& gate_event) {
  if (r.typed && by.role == Role::scanner && !gate_event)
    throw Error(ErrorCode::validation, "Choose the gate's event before looking up a serial",
                {{"event_id", "is required when a scanner looks up a ticket by serial"}});
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

namespace {
void validate_gate_fields(const std::optional<std::string>& gate, const std::optional<std::string>& device_id,
                          FieldErrors& errors) {
  if (gate)
    if (auto err = validation::check_text(*gate, 64, true)) errors.add("gate", *err);
  if (device_id)
    if (auto err = validation::check_device_id(*device_id)) errors.add("device_id", *err);
}

// A refused look-up at the gate (GET verify) as a scan row of the gate's mode, written by the queue.
Scan refused_check(const Principal& by, const std::string& code, const std::optional<TicketView>& t,
                   std::optional<Id> gate_event, const VerifyAt& at, std::string_view result, Millis now) {
  Scan s;
  s.event_id = t ? std::optional(t->ticket.event_id) : gate_event;
  if (t) s.ticket_id = t->ticket.id;
  else s.code = validation::escape_bytes(code, 64);
  s.type = std::string(gate_scan::to_string(at.type));
  s.result = std::string(result);
  s.gate = at.gate;
  s.device_id = at.device_id;
  if (!by.is_device()) s.user_id = by.user_id;
  s.username = by.username;
  s.scanned_at = now;
  return s;
}
}  // namespace

Verified verify_ticket(Context& ctx, const Principal& by, const std::string& code, std::optional<Id> sent_event,
                       const VerifyAt& sent) {
  {
    FieldErrors errors;
    validate_gate_fields(sent.gate, sent.device_id, errors);
    errors.throw_if_any("Bad scan");
  }
  const auto gate_event = gate::gate_event_of(by, sent_event);  // 403 not_assigned for another event
  VerifyAt at = sent;
  at.gate = gate::gate_of(by, sent.gate);
  at.device_id = gate::device_name_of(by, sent.device_id);
  const Resolved r = resolve(code);
  require_gate_for_serial(by, r, gate_event);
  std::string reason = r.reason;
  std::optional<TicketView> t;
  if (r.valid())
    ctx.db.read_one([&](store::Connection& c) {
      t = load(c, r, code, reason, gate_event);  // one statement (two for a typed serial); the rejection path's extra reads need no snapshot
      if (!t && r.claims) reason = explain_rejected_payload(ctx, c, code, *r.claims);
    });
  // Rejections are audited (and recorded as scans) through the queue: this is a read route on an
  // I/O thread, and a phone re-reading a bad code must not wait for (or stall others behind) an fsync.
  // Each refusal is one scan row; a phone re-reading it within a minute adds none (gate::RefusalLog).
  const Millis now = ctx.now();
  const std::string who = at.device_id ? "device " + *at.device_id : "user " + std::to_string(by.user_id);
  const auto refused_scan = [&](ErrorCode code_for_scan, bool& is_new) {
    const auto result = to_string(code_for_scan);
    is_new = ctx.refusals.first_in_window(who, code, result, now);
    return refused_check(by, code, t, gate_event, at, result, now);
  };
  const auto refuse = [&](const char* action, std::string why, ErrorCode code_for_scan) {
    bool is_new = false;
    const auto scan = refused_scan(code_for_scan, is_new);
    ctx.audit_queue.enqueue(Actor::of(by), attempt_record(action, code, t, why), now, scan, is_new);
  };
  if (!t) {
    const auto code_for_scan = reason == kSuperseded      ? ErrorCode::superseded
                               : reason == kUnknownSerial ? ErrorCode::unknown_serial
                                                          : ErrorCode::invalid_ticket;
    refuse("checkin.verify_invalid", reason, code_for_scan);
    if (reason == kSuperseded) throw superseded_error();
    if (reason == kUnknownSerial) throw unknown_serial_error();
    throw invalid_error();
  }
  if (!gate_event) gate::require_event(by, t->ticket.event_id);
  if (gate_event && t->ticket.event_id != *gate_event) {
    refuse("checkin.wrong_event", "gate is for event " + std::to_string(*gate_event), ErrorCode::wrong_event);
    throw Error(ErrorCode::wrong_event, "This ticket is for " + t->event_name + ", not for this gate's event");
  }
  // What an entry would answer now, by the gate table (re-entry included).
  const auto decision = gate_scan::decide({t->ticket.status, t->ticket.inside}, gate_scan::ScanType::entry_check,
                                          t->event_reentry);
  Verified out{*t, decision.refusal};
  // The row says what the gate's mode would answer (an exit desk: not_inside, …).
  const auto as_sent = at.type == gate_scan::ScanType::entry_check || at.type == gate_scan::ScanType::entry
                           ? decision
                           : gate_scan::decide({t->ticket.status, t->ticket.inside}, at.type, t->event_reentry);
  if (as_sent.refusal) {
    const auto why = *as_sent.refusal;
    if (why == ErrorCode::already_used || why == ErrorCode::already_inside || why == ErrorCode::not_inside) {
      // Shown to the steward (200), not a suspicious code: a scan row without an audit row.
      bool is_new = false;
      const auto scan = refused_scan(why, is_new);
      if (is_new) ctx.audit_queue.enqueue_scan(Actor::of(by), scan, now);
    } else {
      refuse("checkin.verify_not_valid", std::string(to_string(t->ticket.status)), why);
    }
  }
  return out;
}

namespace {
// A replay must answer only the very same request: same code, scan type and gate event.
std::string replay_fingerprint(const ScanRequest& r) {
  if (r.type == gate_scan::ScanType::entry) return r.code;  // the shape keys had before scan types
  return std::string(gate_scan::to_string(r.type)) + ' ' + r.code;
}

void validate_scan_fields(const ScanRequest& r) {
  FieldErrors errors;
  if (r.gate)
    if (auto err = validation::check_text(*r.gate, 64, true)) errors.add("gate", *err);
  if (r.device_id)
    if (auto err = validation::check_device_id(*r.device_id)) errors.add("device_id", *err);
  if (r.note)
    if (auto err = validation::check_text(*r.note, 500, false)) errors.add("note", *err);
  errors.throw_if_any("Bad scan");
}

const char* audit_action(const ScanOutcome& o) {
  if (!o.ticket) return "checkin.invalid";
  if (!o.refusal) return o.result == "admitted" ? "checkin.admitted" : o.result == "exited" ? "checkin.exited" : "checkin.scanned";
  switch (*o.refusal) {
    case ErrorCode::already_used:
    case ErrorCode::already_inside: return "checkin.duplicate";
    case ErrorCode::wrong_event: return "checkin.wrong_event";
    default: return "checkin.not_valid";
  }
}
}  // namespace

ScanOutcome scan_ticket(Context& ctx, const Principal& by, const ScanRequest& sent) {
  using gate_scan::ScanType;
  // The caller's assignment decides the gate's event, a device's gate and its name (docs/devices.md §2).
  ScanRequest request = sent;
  request.gate_event = gate::gate_event_of(by, sent.gate_event);
  request.gate = gate::gate_of(by, sent.gate);
  request.device_id = gate::device_name_of(by, sent.device_id);
  // Idempotency keys are per caller: a device's never meet a user's.
  const Id key_owner = by.device ? -by.device->id : by.user_id;
  validate_scan_fields(request);
  const Resolved resolved = resolve(request.code);
  require_gate_for_serial(by, resolved, request.gate_event);
  const auto fingerprint = replay_fingerprint(request);
  // SQLite: the ticket is read before the transaction, off the one writer thread whose work bounds
  // check-ins (docs/benchmarks.md). When that read says the scan moves the ticket, the transaction
  // only makes the conditional move; every other outcome, and PostgreSQL (whose transactions run in
  // parallel), reads it inside the transaction. Either way the move happens only if the ticket is
  // still where it was read and still has the code that was read; else nothing is written and the
  // scan is decided again in a new transaction (a racing scan: "already used"; a transfer that
  // replaced the code: "superseded").
  std::optional<TicketView> seen;
  if (ctx.db.dialect() == store::Dialect::sqlite && resolved.valid()) {
    std::string ignored;
    ctx.db.read_one([&](store::Connection& c) { seen = load(c, resolved, request.code, ignored, request.gate_event); });
    const bool moves = seen && (!request.gate_event || seen->ticket.event_id == *request.gate_event) &&
                       gate_scan::decide({seen->ticket.status, seen->ticket.inside}, request.type, seen->event_reentry).moves;
    if (!moves) seen.reset();
  }
  struct ReadAgain {};
  ScanOutcome out;
  for (int attempt = 0;; ++attempt) {
    try {
      const Millis now = ctx.now();
      ctx.db.write([&](store::Connection& c) {
        out = {};  // the backend may re-run this after a serialization failure
        if (request.idempotency_key) {
          if (auto stored = store::idempotency::find(c, key_owner, *request.idempotency_key)) {
            if (stored->request != fingerprint || stored->event_id != request.gate_event)
              throw Error(ErrorCode::idempotency_key_reused,
                          "This Idempotency-Key was already used for another request (other code, type or event)",
                          {{"Idempotency-Key", "send a new key for a new scan"}});
            out.replayed = true;
            out.result = stored->outcome;
            if (stored->serial) out.ticket = store::tickets::find_by_serial(c, *stored->serial);
            for (auto code : {ErrorCode::already_used, ErrorCode::already_inside, ErrorCode::not_inside,
                              ErrorCode::not_sold, ErrorCode::refunded, ErrorCode::void_ticket, ErrorCode::superseded,
                              ErrorCode::wrong_event, ErrorCode::invalid_ticket, ErrorCode::unknown_serial})
              if (out.result == to_string(code)) out.refusal = code;
            return;
          }
        }
        std::string reason = resolved.reason;
        out.ticket = seen ? seen
                          : resolved.valid() ? load(c, resolved, request.code, reason, request.gate_event) : std::nullopt;
        if (out.ticket && !request.gate_event) gate::require_event(by, out.ticket->ticket.event_id);
        if (!out.ticket) {
          // A typed serial that names nothing is a typing mistake, counted apart from refusals.
          out.refusal = reason == kUnknownSerial ? ErrorCode::unknown_serial : ErrorCode::invalid_ticket;
          if (resolved.claims) reason = explain_rejected_payload(ctx, c, request.code, *resolved.claims);
          if (reason == kSuperseded) out.refusal = ErrorCode::superseded;
          out.result = to_string(*out.refusal);
        } else if (request.gate_event && out.ticket->ticket.event_id != *request.gate_event) {
          out.refusal = ErrorCode::wrong_event;  // genuine, but this gate does not admit it
          out.result = to_string(ErrorCode::wrong_event);
          reason = "gate is for event " + std::to_string(*request.gate_event);
        } else {
          auto& t = out.ticket->ticket;
          const bool reentry = out.ticket->event_reentry;
          const auto decision = gate_scan::decide({t.status, t.inside}, request.type, reentry);
          if (decision.moves &&
              store::tickets::move_through_gate(c, t.id, request.type, reentry, now, user_of(by), request.gate,
                                                t.code_id) != 1)
            throw ReadAgain{};
          auto& now_t = out.ticket->ticket;
          if (decision.moves) {
            if (!now_t.used_at) now_t.used_at = now, now_t.used_by = user_of(by);
            now_t.status = decision.next.status;
            now_t.inside = decision.next.inside;
            now_t.inside_gate = decision.next.inside ? request.gate : std::nullopt;
          }
          out.refusal = decision.refusal;
          out.result = std::string(decision.result);
          out.reentry = decision.reentry;
          if (out.refusal && *out.refusal != ErrorCode::already_used && *out.refusal != ErrorCode::already_inside &&
              *out.refusal != ErrorCode::not_inside)
            reason = std::string(to_string(now_t.status));
        }
        Scan scan;
        scan.event_id = out.ticket ? std::optional(out.ticket->ticket.event_id) : request.gate_event;
        if (out.ticket) scan.ticket_id = out.ticket->ticket.id, scan.serial = out.ticket->ticket.serial;
        else scan.code = validation::escape_bytes(request.code, 64);
        scan.type = std::string(gate_scan::to_string(request.type));
        scan.result = out.result;
        scan.gate = request.gate;
        scan.device_id = request.device_id;
        scan.user_id = user_of(by);
        scan.username = by.username;
        scan.scanned_at = now;
        scan.note = request.note;
        scan.id = store::scans::insert(c, scan);
        out.scan = std::move(scan);
        auto rec = attempt_record(audit_action(out), request.code, out.ticket, reason);
        if (request.type != ScanType::entry) rec.details["type"] = std::string(gate_scan::to_string(request.type));
        if (request.gate) rec.details["gate"] = *request.gate;
        record_audit(c, Actor::of(by), rec, now);
        if (request.idempotency_key)
          store::idempotency::insert(c, key_owner, *request.idempotency_key,
                                     {fingerprint, request.gate_event, out.result,
                                      out.ticket ? std::optional(out.ticket->ticket.serial) : std::nullopt},
                                     now);
      });
      if (out.scan && out.scan->event_id) ctx.live.changed(*out.scan->event_id);
      if (out.scan && !out.replayed) metrics::registry().checkin(out.scan->event_id, out.scan->gate, out.scan->result);
      return out;
    } catch (const ReadAgain&) {
      seen.reset();
      if (attempt >= 3) throw store::Unavailable("the ticket kept changing under a gate scan; retry");
    } catch (const store::UniqueViolation&) {
      // Two requests with the same idempotency key raced (PostgreSQL); the re-run replays the winner.
      if (!request.idempotency_key || attempt >= 2) throw;
    }
  }
}

CheckIn check_in_ticket(Context& ctx, const Principal& by, const std::string& code,
                        const std::optional<std::string>& idempotency_key, std::optional<Id> gate_event) {
  ScanRequest request;
  request.code = code;
  request.gate_event = gate_event;
  request.idempotency_key = idempotency_key;
  const auto scanned = scan_ticket(ctx, by, request);
  CheckIn out;
  out.ticket = scanned.ticket;
  out.replayed = scanned.replayed;
  if (!scanned.refusal) out.outcome = CheckInOutcome::admitted;
  else if (*scanned.refusal == ErrorCode::already_used) out.outcome = CheckInOutcome::already_used;
  else if (*scanned.refusal == ErrorCode::wrong_event) out.outcome = CheckInOutcome::wrong_event;
  else if (*scanned.refusal == ErrorCode::superseded) out.outcome = CheckInOutcome::superseded;
  else if (*scanned.refusal == ErrorCode::invalid_ticket || *scanned.refusal == ErrorCode::unknown_serial)
    out.outcome = CheckInOutcome::invalid;
  else out.outcome = CheckInOutcome::not_valid;
  return out;
}

std::int64_t prune_idempotency_keys(Context& ctx) {
  std::int64_t removed = 0;
  const Millis cutoff = ctx.now() - kIdempotencyRetentionMs;
  ctx.db.write([&](store::Connection& c) { removed = store::idempotency::delete_older_than(c, cutoff); });
  return removed;
}

}  // namespace gatepass::app
