#include "app/context.hpp"

#include <chrono>

#include "app/accounts/holder_sessions.hpp"
#include "domain/crypto.hpp"

namespace gatepass::app {

Millis system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Context::Context(store::Database& database, Config cfg, std::function<Millis()> clock)
    : db(database),
      config(std::move(cfg)),
      keys(crypto::derive_key(config.secret_key, "gatepass event signing keys at rest v1")),
      tokens(crypto::derive_key(config.secret_key, "gatepass jwt hs256 v1"), config.token_ttl_ms),
      users(config.user_cache_ttl_ms),
      devices(config.user_cache_ttl_ms),
      login_throttle(config.login),
      public_writes(config.public_writes_per_minute),
      link_misses(config.link_misses_per_minute),
      refreshes(accounts::kRefreshesPerSignInPerMinute),
      gate_lookups(config.gate_lookups_per_minute),
      password_slots(config.max_parallel_password_hashes),
      audit_queue(database),
      live(database),
      clock_(clock ? std::move(clock) : std::function<Millis()>(system_now_ms)) {}

}  // namespace gatepass::app
