#include "app/offline_sync.hpp"
#include "app/ops/metrics.hpp"

#include <algorithm>
#include <numeric>
#include <set>

#include "app/audit.hpp"
#include "app/gate/assignment.hpp"
#include "app/gate_reports.hpp"
#include "app/ticket_lookup.hpp"
#include "domain/error.hpp"
#include "domain/gate_scan.hpp"
#include "domain/offline_sync.hpp"
#include "domain/validation.hpp"
#include "store/devices_repo.hpp"
#include "store/offline_repo.hpp"
#include "store/scans_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
using offline::Outcome;

constexpr const char* kOfflineNote = "offline";  // the `scans` row of every uploaded offline scan

void validate(const Principal& by, const OfflineUpload& up, Millis received_at, std::optional<Millis> skew) {
  FieldErrors errors;
  if (!by.device)  // an enrolled device is named by its token
    if (auto err = validation::check_device_id(up.device_id)) errors.add("device_id", *err);
  if (up.queued && (*up.queued < 0 || *up.queued > 1'000'000)) errors.add("queued", "must be 0 to 1000000");
  if (up.scans.empty() || up.scans.size() > offline::kMaxScansPerUpload)
    errors.add("scans", "must hold 1 to " + std::to_string(offline::kMaxScansPerUpload) + " scans");
  for (std::size_t i = 0; i < up.scans.size() && i < offline::kMaxScansPerUpload; ++i) {
    const auto& s = up.scans[i];
    const auto field = [&](const char* name) { return "scans[" + std::to_string(i) + "]." + name; };
    if (s.code.empty() || s.code.size() > offline::kMaxCodeLength)
      errors.add(field("code"), "must be 1 to " + std::to_string(offline::kMaxCodeLength) + " characters");
    if (!offline::valid_scan_nonce(s.nonce))
      errors.add(field("nonce"), "must be 8 to 64 characters of A-Z, a-z, 0-9, _ and - (a UUID)");
    const Millis at = offline::corrected_time(s.scanned_at, skew);
    if (at > received_at + offline::kFutureToleranceMs)
      errors.add(field("scanned_at"), "is in the future (check the device's clock, or send sent_at)");
    else if (at < received_at - offline::kMaxScanAgeMs)
      errors.add(field("scanned_at"), "is more than 30 days old");
    if (s.gate)
      if (auto err = validation::check_text(*s.gate, 64, true)) errors.add(field("gate"), *err);
    if (s.type != "entry" && s.type != "exit") errors.add(field("type"), "must be entry or exit");
  }
  errors.throw_if_any("Bad offline upload");
}

struct Applying {
  Context& ctx;
  store::Connection& c;
  const Principal& by;
  const OfflineUpload& upload;
  const std::string& device_id;   // the enrolled device's own, or the one a scanner user named
  std::optional<Millis> floor;    // the device's last complete sync: no scan is dated before it
  std::optional<Millis> skew;
  Millis received_at;
  std::set<Id>& touched_events;
};

OfflineScanResult answer(const offline::StoredScan& s, bool replayed) {
  return {s.nonce, s.outcome, s.reason, s.serial, replayed};
}

// One uploaded scan: decide it on the ticket as it is now, write its `scans` row and its
// offline_scans row. The device already let the holder in; the server only decides whether that
// was the ticket's admission or a conflict.
OfflineScanResult apply_one(Applying& a, const OfflineScanInput& in, std::size_t index) {
  if (auto seen = store::offline::find_scan(a.c, in.nonce)) {
    if (seen->device_id != a.device_id)
      throw Error(ErrorCode::validation, "Bad offline upload",
                  {{"scans[" + std::to_string(index) + "].nonce",
                    "was already used by another device: every scan needs its own random nonce"}});
    return answer(*seen, true);
  }
  const Millis at = offline::plausible_time(offline::corrected_time(in.scanned_at, a.skew), a.floor, a.received_at);
  const auto gate = a.by.device && a.by.device->gate ? a.by.device->gate : in.gate;  // a device's gate is its own
  const auto type = in.type == "exit" ? gate_scan::ScanType::exit : gate_scan::ScanType::entry;
  offline::StoredScan s;
  s.nonce = in.nonce;
  s.device_id = a.device_id;
  s.gate = gate;
  if (!a.by.is_device()) s.user_id = a.by.user_id;
  s.username = a.by.username;
  s.device_scanned_at = in.scanned_at;
  s.scanned_at = at;
  s.received_at = a.received_at;
  s.skew_ms = a.skew;

  Scan scan;
  scan.type = std::string(gate_scan::to_string(type));
  scan.gate = gate;
  scan.device_id = a.device_id;
  if (!a.by.is_device()) scan.user_id = a.by.user_id;
  scan.username = a.by.username;
  scan.scanned_at = at;
  scan.note = kOfflineNote;

  // A signed code, or a serial typed by hand at an offline gate (checked there by its number).
  const Resolved resolved = resolve(in.code);
  std::string reason = resolved.reason;
  std::optional<TicketView> t = resolved.valid() ? load(a.c, resolved, in.code, reason) : std::nullopt;
  const auto event_of_code = t ? std::optional<Id>(t->ticket.event_id)
                               : resolved.claims ? std::optional<Id>(static_cast<Id>(resolved.claims->event_id))
                                                 : std::nullopt;
  if (event_of_code && !gate::may_scan_event(a.by, *event_of_code)) {
    // Not this scanner's event: nothing is applied, and nothing of that event is told.
    s.outcome = std::string(offline::to_string(Outcome::invalid));
    s.reason = "not_assigned";
    s.code = validation::escape_bytes(in.code, 64);
    s.id = store::offline::insert_scan(a.c, s);
    return answer(s, false);
  }
  std::optional<ErrorCode> refusal;
  if (!t) {
    refusal = ErrorCode::invalid_ticket;
    if (resolved.claims && explain_rejected_payload(a.ctx, a.c, in.code, *resolved.claims) == kSuperseded) {
      // Genuine but replaced by a transfer: a conflict on that ticket.
      t = store::tickets::find_by_number(a.c, resolved.claims->event_id,
                                         static_cast<std::int64_t>(resolved.claims->ticket_number));
      if (t) refusal = ErrorCode::superseded;
    }
  } else {
    auto& ticket = t->ticket;
    const bool reentry = t->event_reentry;
    const auto scanned_code = ticket.code_id;
    auto decision = gate_scan::decide({ticket.status, ticket.inside}, type, reentry);
    // The move also requires the code that was scanned: on PostgreSQL a transfer committing after
    // the read above would otherwise let the replaced code admit the new holder's ticket.
    if (decision.moves &&
        store::tickets::move_through_gate(a.c, ticket.id, type, reentry, at, a.by.is_device() ? std::nullopt : std::optional(a.by.user_id),
                                          gate, scanned_code) != 1) {
      t = store::tickets::find_by_number(a.c, ticket.event_id, ticket.number);  // a racing scan or transfer came first
      decision = gate_scan::decide({t->ticket.status, t->ticket.inside}, type, reentry);
      if (t->ticket.code_id != scanned_code) {
        decision.moves = false;  // as if the scan had come after the transfer: a conflict, not an admission
        decision.refusal = ErrorCode::superseded;
      } else if (decision.moves) {
        throw store::Unavailable("the ticket kept changing under an offline upload; retry");
      }
    }
    refusal = decision.refusal;
  }
  auto judged = offline::judge(refusal);
  if (type == gate_scan::ScanType::exit && !refusal) judged = {Outcome::exited, std::nullopt};
  scan.result = refusal ? std::string(to_string(*refusal)) : type == gate_scan::ScanType::exit ? "exited" : "admitted";
  bool already_recorded = false;
  if (t) {
    s.event_id = scan.event_id = t->ticket.event_id;
    s.ticket_id = scan.ticket_id = t->ticket.id;
    s.serial = t->ticket.serial;
    a.touched_events.insert(t->ticket.event_id);
    if (judged.reason == "double_admission") {
      s.server_scan_id = store::offline::latest_admission(a.c, t->ticket.id);
      const auto kept = s.server_scan_id ? store::scans::find(a.c, *s.server_scan_id) : std::nullopt;
      if (kept && offline::same_admission({kept->device_id, kept->scanned_at, kept->note == std::optional<std::string>(kOfflineNote),
                                           kept->username},
                                          a.device_id, a.by.username, at)) {
        judged = {Outcome::admitted, "already_recorded"};  // its own online admission: one holder, one row
        already_recorded = true;
      }
    } else if (judged.outcome == Outcome::conflict) {
      s.server_at = store::offline::last_ticket_change(a.c, t->ticket.id);
    }
  } else {
    s.code = scan.code = validation::escape_bytes(in.code, 64);
    // Unverified, but it is the event the device was admitting for: the device's report counts it.
    if (resolved.claims) s.event_id = scan.event_id = static_cast<Id>(resolved.claims->event_id);
  }
  s.outcome = std::string(offline::to_string(judged.outcome));
  s.reason = judged.reason;
  if (!already_recorded) s.scan_id = store::scans::insert(a.c, scan);
  s.id = store::offline::insert_scan(a.c, s);
  return answer(s, false);
}
}  // namespace

OfflineSyncAnswer sync_offline_scans(Context& ctx, const Principal& by, const OfflineUpload& upload) {
  const Millis received_at = ctx.now();
  const auto skew = offline::clock_skew(received_at, upload.sent_at);
  validate(by, upload, received_at, skew);
  const std::string device_id = by.device ? by.device->device_id : upload.device_id;
  // First admission wins by scan time: apply in that order (ties keep the upload's order).
  std::vector<std::size_t> order(upload.scans.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return upload.scans[x].scanned_at < upload.scans[y].scanned_at; });
  OfflineSyncAnswer out;
  std::set<Id> touched;
  for (int attempt = 0;; ++attempt) {
    try {
      ctx.db.write([&](store::Connection& c) {
        out = {};  // the backend may re-run this after a serialization failure
        touched.clear();
        out.device_id = device_id;
        out.skew_ms = skew;
        out.results.resize(upload.scans.size());
        std::optional<Millis> floor;
        if (by.device)
          if (auto d = store::devices::find(c, by.device->id)) floor = d->sync_floor;
        Applying a{ctx, c, by, upload, device_id, floor, skew, received_at, touched};
        for (const auto i : order) out.results[i] = apply_one(a, upload.scans[i], i);
        for (const auto& r : out.results) {
          if (r.replayed) ++out.replayed;
          else if (r.outcome == "admitted" || r.outcome == "exited") ++out.admitted;
          else if (r.outcome == "conflict") ++out.conflicts;
          else ++out.invalid;
        }
        if (by.device) {
          const auto queued = std::max<std::int64_t>(upload.queued.value_or(0), static_cast<std::int64_t>(upload.scans.size()));
          store::devices::record_sync(c, by.device->id, queued, skew,
                                      queued <= static_cast<std::int64_t>(upload.scans.size()), received_at);
        }
        AuditRecord rec{"checkin.offline_sync", "device", device_id, std::nullopt, {}};
        if (touched.size() == 1) rec.event_id = *touched.begin();
        rec.details["scans"] = static_cast<std::int64_t>(upload.scans.size());
        rec.details["admitted"] = out.admitted;
        rec.details["conflicts"] = out.conflicts;
        rec.details["invalid"] = out.invalid;
        rec.details["replayed"] = out.replayed;
        if (skew) rec.details["skew_ms"] = *skew;
        record_audit(c, Actor::of(by), rec, received_at);
      });
      break;
    } catch (const store::UniqueViolation&) {
      // The same nonce arrived twice at once (a device's retry racing its first try): the re-run
      // finds the winner's row and answers it as a replay.
      if (attempt >= 2) throw;
    }
  }
  for (const auto event_id : touched) ctx.live.changed(event_id);
  metrics::registry().offline_upload(out.admitted, out.conflicts, out.invalid, out.replayed);
  return out;
}

ConflictReport conflict_report(Context& ctx, Id event_id) {
  require_event(ctx, event_id);
  ConflictReport out;
  ctx.db.read([&](store::Connection& c) {
    out.items = store::offline::conflicts(c, event_id, kMaxConflictsListed);
    out.devices = store::offline::devices(c, event_id);
  });
  return out;
}

}  // namespace gatepass::app
