#pragma once
// What every use case needs: the database, the clock, configuration and the key caches.
// Built once at start-up by the CLI and shared by all request threads (everything is thread-safe).
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/audit_queue.hpp"
#include "app/gate/refusal_log.hpp"
#include "app/job_runner.hpp"
#include "app/key_ring.hpp"
#include "app/live_hub.hpp"
#include "app/login_throttle.hpp"
#include "app/password_slots.hpp"
#include "app/principal.hpp"
#include "app/rate_limiter.hpp"
#include "app/ticket_numbers.hpp"
#include "app/token_codec.hpp"
#include "app/gate/device_cache.hpp"
#include "app/user_cache.hpp"
#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::app {

// Ticket delivery (issue 10). No smtp_url: messages are queued and wait (the dashboard says so).
struct MailSettings {
  std::string smtp_url;  // smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://
  std::string from = "Gatepass <gatepass@localhost>";
  bool enabled = true;                            // MAIL_ENABLED=0 keeps queueing, sends nothing
  std::string public_url = "http://127.0.0.1:8080";  // base of the links in mails
  Millis retry_base_ms = 5'000;                   // first retry; doubles up to retry_max_ms
  Millis retry_max_ms = 5 * 60'000;
  int max_attempts = 40;                          // about three hours of retries at the cap
  Millis attempt_lease_ms = 120'000;              // an attempt older than this had a dead sender
  Millis poll_ms = 500;
  std::string template_dir;                       // GATEPASS_TEMPLATE_DIR: overrides, file by file
};

struct Config {
  std::string secret_key;                    // master secret: JWT key and key-at-rest key derive from it
  Millis token_ttl_ms = 12LL * 3600 * 1000;  // a gate shift
  std::string data_dir = "data";             // attachments live in <data_dir>/attachments
  std::size_t max_attachment_bytes = 5 * 1024 * 1024;
  Millis user_cache_ttl_ms = 1000;  // how stale another instance's view of a user may be
  LoginThrottle::Limits login;       // failed-login limits per (username, address) and per username
  // Anonymous writes (registration) per client address per minute; 0 turns the limit off
  // (benchmarks). GATEPASS_PUBLIC_WRITES_PER_MINUTE.
  int public_writes_per_minute = 30;
  // Ticket-link pages (/t/<token>) behind one venue address: only lookups of unknown links cost,
  // from their own budget (GATEPASS_LINK_MISSES_PER_MINUTE; 0 turns the limit off).
  int link_misses_per_minute = 60;
  // Argon2id needs 64 MiB per hash: at most this many run at once (logins, password changes).
  int max_parallel_password_hashes = 2;
  MailSettings mail;
  // A claimed ticket may be transferred on only after this long (GATEPASS_CLAIM_COOLING_OFF_HOURS).
  Millis claim_cooling_off_ms = 24 * 3600'000LL;
  // Transfer offers per ticket and per sender in 24 hours (GATEPASS_TRANSFER_OFFERS_PER_DAY).
  int transfer_offers_per_day = 5;
  // Readiness (GET /api/health/ready): free space the SQLite disk must keep, and how long the
  // oldest unsent mail may wait while mail is set up (GATEPASS_READY_MIN_FREE_MB,
  // GATEPASS_READY_MAX_OUTBOX_AGE_MINUTES).
  std::int64_t ready_min_free_bytes = 100LL * 1024 * 1024;
  Millis ready_max_outbox_age_ms = 15 * 60'000LL;
  // GATEPASS_REQUIRE_2FA: accounts of these (staff) roles without two-factor get a token that
  // reaches only the enrolment routes until they turn it on (app::authenticate enforces it).
  std::vector<Role> require_second_factor;
  // The steward's screen (docs/devices.md §5): how long a device or scanner may undo its own
  // admission (GATEPASS_UNDO_ADMISSION_MINUTES), and name searches at the gate per device or user
  // per minute (GATEPASS_GATE_LOOKUPS_PER_MINUTE; 0 turns the limit off).
  Millis undo_admission_window_ms = 5 * 60'000LL;
  int gate_lookups_per_minute = 20;
  // The time zone of an event created without one (GATEPASS_DEFAULT_TIME_ZONE; an IANA name).
  std::string default_time_zone = "UTC";
};


class Context {
 public:
  Context(store::Database& db, Config config, std::function<Millis()> clock = {});

  store::Database& db;
  const Config config;
  KeyRing keys;
  TokenCodec tokens;
  UserCache users;
  gate::DeviceCache devices;  // enrolled scanner devices by token (app/gate/devices.hpp)
  LoginThrottle login_throttle;
  RateLimiter public_writes;  // anonymous writes per client address
  RateLimiter link_misses;    // failed ticket-link and refresh-token lookups per client address (found ones cost nothing)
  RateLimiter refreshes;      // holders' token refreshes per sign-in (app/accounts/holder_sessions.hpp)
  RateLimiter gate_lookups;   // name searches at the gate per device or user
  gate::RefusalLog refusals;  // refused look-ups at verify already written (coalesced for 60 s)
  PasswordSlots password_slots;
  AuditQueue audit_queue;     // rows that must not wait for a commit (rejected scans)
  LiveHub live;               // live attendance snapshots for streams; changed() after commits
  TicketNumbers numbers;      // ticket numbers reserved in blocks, so approvals of one event run in parallel
  Millis now() const { return clock_(); }

 private:
  std::function<Millis()> clock_;

 public:
  // Last member: destroyed first, so a running job stops while everything it uses still exists.
  JobRunner jobs;
};

Millis system_now_ms();

// Paging rules shared by every list: bounded default and maximum so no response is unbounded.
inline constexpr std::int64_t kDefaultPageSize = 50;
inline constexpr std::int64_t kMaxPageSize = 200;
struct PageRequest {
  std::int64_t limit = kDefaultPageSize;
  std::int64_t offset = 0;
};

}  // namespace gatepass::app
