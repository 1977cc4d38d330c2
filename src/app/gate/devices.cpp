#include "app/gate/devices.hpp"

#include <algorithm>

#include "app/audit.hpp"
#include "app/gate/assignment.hpp"
#include "domain/base32.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/assignments_repo.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app::gate {

namespace {
namespace v = validation;

constexpr std::size_t kMaxEventsPerDevice = 50;
constexpr Millis kLastSeenEveryMs = 60'000;  // the device list needs minutes, not every request

// 80 bits as 16 base32 characters: unguessable within 10 minutes at the anonymous budget.
std::string new_pairing_code() {
  const auto raw = crypto::random_bytes(10);
  const auto text = base32::encode(raw.data(), raw.size());
  return text.substr(0, 4) + "-" + text.substr(4, 4) + "-" + text.substr(8, 4) + "-" + text.substr(12, 4);
}
std::string pairing_hash(const std::string& normalized) { return crypto::sha256_hex("pairing:" + normalized); }
std::string token_hash(const std::string& token) { return crypto::sha256_hex("device:" + token); }

// Made by the server, so a device cannot file scans under another's name.
std::string new_device_id() {
  const auto raw = crypto::random_bytes(5);
  return "dev-" + base32::encode(raw.data(), raw.size());
}

Error not_found(Id id) { return Error(ErrorCode::not_found, "No device with id " + std::to_string(id)); }

void validate(const DeviceInput& in, bool creating) {
  FieldErrors errors;
  if (creating && !in.name) errors.add("name", "is required");
  if (in.name)
    if (auto e = v::check_text(*in.name, 64, true)) errors.add("name", *e);
  if (in.gate && *in.gate)
    if (auto e = v::check_text(**in.gate, 64, true)) errors.add("gate", *e);
  if (creating && !in.event_ids) errors.add("event_ids", "is required: the events this device scans");
  if (in.event_ids) {
    const auto& ids = *in.event_ids;
    if (ids.empty()) errors.add("event_ids", "must name at least one event");
    check_event_ids(ids, kMaxEventsPerDevice, errors);
  }
  errors.throw_if_any();
}

boost::json::array id_array(const std::vector<Id>& ids) {
  boost::json::array out;
  for (Id e : ids) out.push_back(e);
  return out;
}

Device load(store::Connection& c, Id id) {
  auto d = store::devices::find(c, id);
  if (!d) throw not_found(id);
  return *d;
}
}  // namespace

std::optional<std::string> normalize_pairing_code(const std::string& typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == '-' || ch == ' ') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '7'))) return std::nullopt;
    out.push_back(ch);
    if (out.size() > 16) return std::nullopt;
  }
  if (out.size() != 16) return std::nullopt;
  return out;
}

Pairing create_device(Context& ctx, const Principal& by, const DeviceInput& in) {
  validate(in, true);
  const auto code = new_pairing_code();
  const Millis now = ctx.now();
  Pairing out;
  out.pairing_code = code;
  out.pairing_expires_at = now + kPairingLifetimeMs;
  const std::optional<std::string> gate = in.gate ? *in.gate : std::nullopt;
  for (int attempt = 0;; ++attempt) {
    try {
      ctx.db.write([&](store::Connection& c) {
        require_known_events(c, *in.event_ids);
        const Id id = store::devices::insert(c, new_device_id(), *in.name, gate, pairing_hash(*normalize_pairing_code(code)),
                                             out.pairing_expires_at, by.user_id, now);
        store::assignments::set_device_events(c, id, *in.event_ids);
        out.device = load(c, id);
        AuditRecord rec{"device.create", "device", out.device.device_id, std::nullopt, {}};
        rec.details["name"] = out.device.name;
        rec.details["event_ids"] = id_array(out.device.event_ids);
        if (gate) rec.details["gate"] = *gate;
        record_audit(c, Actor::of(by), rec, now);
      });
      return out;
    } catch (const store::UniqueViolation&) {
      if (attempt >= 3) throw;  // a random 40-bit device id collided; draw again
    }
  }
}

std::vector<Device> list_devices(Context& ctx) {
  std::vector<Device> out;
  ctx.db.read([&](store::Connection& c) { out = store::devices::list(c); });
  return out;
}

Device update_device(Context& ctx, const Principal& by, Id id, const DeviceInput& in) {
  validate(in, false);
  Device out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    auto d = load(c, id);
    const auto name = in.name.value_or(d.name);
    const auto gate = in.gate ? *in.gate : d.gate;
    store::devices::update(c, id, name, gate);
    AuditRecord rec{"device.update", "device", d.device_id, std::nullopt, {}};
    if (in.name) rec.details["name"] = name;
    if (in.gate) rec.details["gate"] = gate ? boost::json::value(*gate) : boost::json::value(nullptr);
    if (in.event_ids) {
      require_known_events(c, *in.event_ids);
      store::assignments::set_device_events(c, id, *in.event_ids);
      rec.details["event_ids"] = id_array(*in.event_ids);
    }
    record_audit(c, Actor::of(by), rec, now);
    out = load(c, id);
  });
  ctx.devices.clear();  // the new events or gate apply to the next request
  return out;
}

Device revoke_device(Context& ctx, const Principal& by, Id id) {
  Device out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    auto d = load(c, id);
    if (store::devices::revoke(c, id, now) == 1)
      record_audit(c, Actor::of(by), {"device.revoke", "device", d.device_id, std::nullopt, {}}, now);
    out = load(c, id);
  });
  ctx.devices.clear();  // its token stops at once in this process
  return out;
}

Pairing roll_device(Context& ctx, const Principal& by, Id id) {
  Pairing out;
  const auto token = crypto::random_token(32);
  out.pairing_code = new_pairing_code();
  const Millis now = ctx.now();
  out.pairing_expires_at = now + kPairingLifetimeMs;
  ctx.db.write([&](store::Connection& c) {
    auto d = load(c, id);
    if (store::devices::roll(c, id, token_hash(token), pairing_hash(*normalize_pairing_code(out.pairing_code)),
                             out.pairing_expires_at) != 1)
      throw Error(ErrorCode::conflict, "This device is revoked; create a new one");
    record_audit(c, Actor::of(by), {"device.roll", "device", d.device_id, std::nullopt, {}}, now);
    out.device = load(c, id);
  });
  ctx.devices.clear();  // the old token stops at once in this process
  out.token = token;
  return out;
}

Enrolment enroll_device(Context& ctx, const std::string& pairing_code, const std::string& app_version) {
  FieldErrors errors;
  const auto code = normalize_pairing_code(pairing_code);
  if (pairing_code.size() > 64 || !code) errors.add("pairing_code", "must be the 16-character code shown with the pairing QR");
  const bool version_ok = !app_version.empty() && app_version.size() <= 32 &&
                          std::all_of(app_version.begin(), app_version.end(), [](char ch) { return ch > 0x20 && ch < 0x7F; });
  if (!version_ok) errors.add("app_version", "must be 1 to 32 visible ASCII characters");
  errors.throw_if_any();
  Enrolment out;
  out.token = crypto::random_token(32);
  const Millis now = ctx.now();
  bool enrolled = false;
  ctx.db.write([&](store::Connection& c) {
    const auto id = store::devices::redeem_pairing(c, pairing_hash(*code), token_hash(out.token), app_version, now);
    enrolled = id.has_value();
    if (!id) return;
    out.device = load(c, *id);
    AuditRecord rec{"device.enroll", "device", out.device.device_id, std::nullopt, {}};
    rec.details["app_version"] = app_version;
    record_audit(c, Actor{std::nullopt, "device:" + out.device.device_id}, rec, now);
  });
  if (!enrolled) {
    record_audit_later(ctx, Actor::anonymous(), {"device.enroll_failed", "device", std::nullopt, std::nullopt, {}});
    throw Error(ErrorCode::validation, "This pairing code is unknown, used or expired",
                {{"pairing_code", "is unknown, used or expired: ask for a new pairing QR"}});
  }
  ctx.devices.clear();  // a previous token of this device (before a roll) stops at once
  return out;
}

Principal authenticate_device(Context& ctx, const std::string& token) {
  const Millis now = ctx.now();
  const auto hash = token_hash(token);
  auto cached = ctx.devices.get(hash, now);
  if (!cached) {
    std::optional<Device> d;
    ctx.db.read_one([&](store::Connection& c) { d = store::devices::find_by_token(c, hash); });
    if (!d) throw Error(ErrorCode::unauthenticated, "This device is not enrolled (revoked, or its token was replaced)");
    cached = CachedDevice{{d->id, d->device_id, d->name, d->gate}, d->event_ids};
    ctx.devices.put(hash, *cached, now);
  }
  // Once a minute per device: small enough for any thread, and the device list's "last seen".
  if (ctx.devices.take_touch(cached->identity.id, now, kLastSeenEveryMs))
    ctx.db.write([&](store::Connection& c) { store::devices::touch(c, cached->identity.id, now); });
  Principal p;
  p.username = "device:" + cached->identity.device_id;
  p.role = Role::scanner;
  p.device = cached->identity;
  p.event_ids = cached->event_ids;
  return p;
}

Device current_device(Context& ctx, const Principal& who) {
  if (!who.device) throw Error(ErrorCode::forbidden, "Only an enrolled device has this view");
  Device out;
  ctx.db.read([&](store::Connection& c) { out = load(c, who.device->id); });
  return out;
}

std::vector<Event> device_events(Context& ctx, const Device& device) {
  std::vector<Event> out;
  ctx.db.read([&](store::Connection& c) {
    for (Id id : device.event_ids)
      if (auto e = store::events::find(c, id)) out.push_back(std::move(*e));
  });
  return out;
}

void note_pack_fetched(Context& ctx, const Principal& who, Millis generated_at) {
  if (!who.device) return;
  ctx.db.write([&](store::Connection& c) { store::devices::record_pack(c, who.device->id, generated_at, ctx.now()); });
}

}  // namespace gatepass::app::gate
