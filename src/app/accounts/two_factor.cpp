#include "app/accounts/two_factor.hpp"

#include <oath.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <mutex>

#include "app/audit.hpp"
#include "app/qr_image.hpp"
#include "domain/base32.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/two_factor_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace {
namespace tf = store::two_factor;

constexpr unsigned kStepSeconds = OATH_TOTP_DEFAULT_TIME_STEP_SIZE;  // 30 s, what every app uses
constexpr std::size_t kWindow = 1;        // the step before and after too: clocks drift, people are slow
constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends for HMAC-SHA1
constexpr std::size_t kRecoveryBytes = 10;  // 80 bits: 16 base32 characters
constexpr std::size_t kMaxCodeBytes = 64;
constexpr std::size_t kMaxUsernameBytes = 64;  // as app::login counts them

void init_oath() {
  static std::once_flag once;
  static int rc = OATH_OK;
  std::call_once(once, [] { rc = oath_init(); });
  if (rc != OATH_OK) throw Error(ErrorCode::internal, std::string("liboath failed to start: ") + oath_strerror(rc));
}

// TOTP secrets at rest: secretbox under a subkey of SECRET_KEY, stored as hex (nonce || box).
std::vector<std::uint8_t> at_rest_key(const Context& ctx) {
  return crypto::derive_key(ctx.config.secret_key, "gatepass totp secrets at rest v1");
}
std::string seal_secret(const Context& ctx, const std::vector<std::uint8_t>& raw) {
  const auto sealed = crypto::seal(at_rest_key(ctx), raw.data(), raw.size());
  return crypto::to_hex(sealed.data(), sealed.size());
}
std::vector<std::uint8_t> open_secret(const Context& ctx, const std::string& stored) {
  const auto bytes = crypto::from_hex(stored);
  auto raw = bytes ? crypto::open(at_rest_key(ctx), *bytes) : std::nullopt;
  if (!raw)
    // Not the client's fault and not a crash: the operator must act (503 names what to do).
    throw Error(ErrorCode::unavailable,
                "This account's two-factor secret cannot be opened (was SECRET_KEY changed?); an operator must run "
                "`gatepass user reset-2fa NAME`");
  return *raw;
}

// Spaces and hyphens are how people type codes ("123 456", "ABCD-EFGH-…"); case does not matter.
std::string compact(std::string_view code) {
  std::string out;
  for (char ch : code)
    if (ch != ' ' && ch != '-') out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  return out;
}
bool is_totp_code(std::string_view s) {
  return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// liboath decides: the time step whose code `code` is, within ±kWindow steps of `now`.
std::optional<std::int64_t> matching_step(const std::vector<std::uint8_t>& secret, const std::string& code, Millis now) {
  init_oath();
  int position = 0;
  std::uint64_t counter = 0;
  const int rc = oath_totp_validate3(reinterpret_cast<const char*>(secret.data()), secret.size(),
                                     static_cast<std::time_t>(now / 1000), kStepSeconds, OATH_TOTP_DEFAULT_START_TIME,
                                     kWindow, &position, &counter, code.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out.push_back(static_cast<char>(ch));
    } else {
      out.push_back('%');
      out.push_back(kHex[ch >> 4]);
      out.push_back(kHex[ch & 15]);
    }
  }
  return out;
}

void require_staff(const Principal& who) {
  if (who.role == Role::attendee) throw Error(ErrorCode::forbidden, "Two-factor sign-in is for staff accounts");
}

// Failures count in the same throttle as wrong passwords at login (per username and address).
std::string throttle_key(const Principal& who) { return validation::escape_bytes(who.username, kMaxUsernameBytes); }
void reserve_attempt(Context& ctx, const std::string& key, const std::string& client) {
  if (auto wait = ctx.login_throttle.reserve(key, client, ctx.now()))
    throw Error(ErrorCode::too_many_requests, "Too many wrong codes; try again later").retry_after_ms(*wait);
}
Error wrong_code() {
  return Error(ErrorCode::validation, "Wrong code: type the current code from the authenticator app",
               {{"code", "is wrong, expired or was used already"}});
}

tf::State state_of(Context& ctx, Id user_id) {
  std::optional<tf::State> st;
  ctx.db.read([&](store::Connection& c) { st = tf::find(c, user_id); });
  if (!st) throw Error(ErrorCode::unauthenticated, "This account no longer exists");
  return *st;
}

AuditRecord audit_of(const char* action, Id user_id) {
  return {action, "user", std::to_string(user_id), std::nullopt, {}};
}
}  // namespace

std::string_view to_string(SecondFactor f) { return f == SecondFactor::totp ? "totp" : "recovery_code"; }

bool second_factor_required_for(const Config& config, Role role) {
  return std::find(config.require_second_factor.begin(), config.require_second_factor.end(), role) !=
         config.require_second_factor.end();
}

bool two_factor_enabled(Context& ctx, Id user_id) {
  bool on = false;
  ctx.db.read_one([&](store::Connection& c) {
    const auto st = tf::find(c, user_id);
    on = st && st->enabled();
  });
  return on;
}

std::optional<SecondFactor> use_second_factor(Context& ctx, store::Connection& c, Id user_id, const std::string& code,
                                              Millis now) {
  if (code.size() > kMaxCodeBytes) return std::nullopt;
  const auto st = tf::find(c, user_id);
  if (!st || !st->enabled()) return std::nullopt;
  const std::string typed = compact(code);
  if (is_totp_code(typed)) {
    const auto step = matching_step(open_secret(ctx, *st->secret), typed, now);
    // Replay: the step must be later than the last one accepted (one conditional write).
    if (step && tf::accept_step(c, user_id, *step) == 1) return SecondFactor::totp;
    return std::nullopt;
  }
  if (typed.size() == 16 && tf::use_recovery_code(c, user_id, crypto::sha256_hex(typed), now) == 1)
    return SecondFactor::recovery_code;
  return std::nullopt;
}

TwoFactorEnrolment enroll_two_factor(Context& ctx, const Principal& who) {
  require_staff(who);
  const auto raw = crypto::random_bytes(kSecretBytes);
  const std::string sealed = seal_secret(ctx, raw);
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto st = tf::find(c, who.user_id);
    if (st && st->enabled())
      throw Error(ErrorCode::conflict, "Two-factor sign-in is already on; turn it off first to set up another device");
    tf::set_pending(c, who.user_id, sealed, now);
    record_audit(c, Actor::of(who), audit_of("auth.2fa_enroll", who.user_id), now);
  });
  TwoFactorEnrolment out;
  out.secret = base32::encode(raw.data(), raw.size());
  out.otpauth_uri = "otpauth://totp/Gatepass:" + percent_encode(who.username) + "?secret=" + out.secret + "&issuer=Gatepass";
  out.qr_svg = render_qr_svg(out.otpauth_uri);
  return out;
}

TwoFactorConfirmed confirm_two_factor(Context& ctx, const Principal& who, const std::string& code,
                                      const std::string& client) {
  require_staff(who);
  const auto before = state_of(ctx, who.user_id);
  if (before.enabled()) throw Error(ErrorCode::conflict, "Two-factor sign-in is already on");
  if (!before.pending_secret)
    throw Error(ErrorCode::conflict, "Nothing to confirm: start with POST /api/auth/2fa/enroll");
  const std::string key = throttle_key(who);
  reserve_attempt(ctx, key, client);

  // Made before the transaction: a retried transaction must store the same codes it returns.
  TwoFactorConfirmed out;
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    const auto bytes = crypto::random_bytes(kRecoveryBytes);
    const std::string plain = base32::encode(bytes.data(), bytes.size());  // 16 characters
    hashes.push_back(crypto::sha256_hex(plain));
    out.recovery_codes.push_back(plain.substr(0, 4) + "-" + plain.substr(4, 4) + "-" + plain.substr(8, 4) + "-" +
                                 plain.substr(12, 4));
  }
  const std::string typed = compact(code);
  const Millis now = ctx.now();
  bool enabled = false;
  User user;
  ctx.db.write([&](store::Connection& c) {
    enabled = false;
    const auto st = tf::find(c, who.user_id);
    std::optional<std::int64_t> step;
    if (st && st->pending_secret && !st->enabled() && is_totp_code(typed))
      step = matching_step(open_secret(ctx, *st->pending_secret), typed, now);
    // Enabled only if the secret the code matched is still the pending one (no racing enrolment).
    if (step && tf::enable(c, who.user_id, *st->pending_secret, *step, now) == 1) {
      tf::replace_recovery_codes(c, who.user_id, hashes, now);
      user = store::users::find_by_id(c, who.user_id).value();
      enabled = true;
      record_audit(c, Actor::of(who), audit_of("auth.2fa_enable", who.user_id), now);
    } else {
      auto rec = audit_of("auth.2fa_failed", who.user_id);
      rec.details["during"] = "confirm";
      record_audit(c, Actor::of(who), rec, now);
    }
  });
  if (!enabled) throw wrong_code();  // the throttle's reservation stays counted
  ctx.login_throttle.succeeded(key, client);
  out.session = {ctx.tokens.issue(user.id, user.username, user.role, user.token_version, now, /*second_factor=*/true),
                 ctx.tokens.ttl_ms(), user};
  return out;
}

LoginResult disable_two_factor(Context& ctx, const Principal& who, const std::string& code, const std::string& client) {
  require_staff(who);
  if (!state_of(ctx, who.user_id).enabled()) throw Error(ErrorCode::conflict, "Two-factor sign-in is not on");
  const std::string key = throttle_key(who);
  reserve_attempt(ctx, key, client);
  const Millis now = ctx.now();
  std::optional<SecondFactor> factor;
  User user;
  ctx.db.write([&](store::Connection& c) {
    factor = use_second_factor(ctx, c, who.user_id, code, now);
    if (factor) {
      tf::disable(c, who.user_id, now);
      store::users::bump_token_version(c, who.user_id, now);  // sessions signed in with the factor end
      user = store::users::find_by_id(c, who.user_id).value();
      auto rec = audit_of("auth.2fa_disable", who.user_id);
      rec.details["with"] = std::string(to_string(*factor));
      rec.details["sessions_ended"] = true;
      record_audit(c, Actor::of(who), rec, now);
    } else {
      auto rec = audit_of("auth.2fa_failed", who.user_id);
      rec.details["during"] = "disable";
      record_audit(c, Actor::of(who), rec, now);
    }
  });
  if (!factor) throw wrong_code();
  ctx.login_throttle.succeeded(key, client);
  ctx.users.invalidate(who.user_id);
  return {ctx.tokens.issue(user.id, user.username, user.role, user.token_version, now), ctx.tokens.ttl_ms(), user};
}

bool reset_two_factor_from_cli(Context& ctx, const std::string& username) {
  const Millis now = ctx.now();
  bool was_on = false;
  Id id = 0;
  ctx.db.write([&](store::Connection& c) {
    const auto user = store::users::find_by_username(c, store::users::Namespace::staff, username);
    if (!user) throw Error(ErrorCode::not_found, "No staff account named " + validation::escape_bytes(username, kMaxUsernameBytes));
    id = user->id;
    const auto st = tf::find(c, id);
    was_on = st && st->enabled();
    tf::disable(c, id, now);
    store::users::bump_token_version(c, id, now);
    auto rec = audit_of("user.reset_2fa", id);
    rec.details["username"] = user->username;
    rec.details["was_on"] = was_on;
    rec.details["sessions_ended"] = true;
    record_audit(c, Actor::system(), rec, now);
  });
  ctx.users.invalidate(id);
  return was_on;
}

}  // namespace gatepass::app
