#pragma once
// Periodic clean-up while serving (the CLI runs it at start and then hourly). Each step is safe to
// run on several instances at once.
#include <chrono>

#include "app/context.hpp"

namespace gatepass::app {

struct HousekeepingReport {
  std::int64_t idempotency_keys_pruned = 0;
  std::int64_t orphan_attachments_removed = 0;
  std::int64_t sent_mail_pruned = 0;
  std::int64_t refresh_tokens_pruned = 0;
  std::int64_t events_personal_data_erased = 0;  // retention (app/privacy/retention.hpp)
  std::int64_t count_rows_folded = 0;            // PostgreSQL: ended connections' count rows (store/count_shards.hpp)
};
// Sent mail is kept this long (to answer "did they get it?"), then deleted with its variables.
inline constexpr Millis kSentMailRetentionMs = 30LL * 24 * 3600 * 1000;
// Holders' refresh tokens are deleted a day after they expire: every trade leaves a row, and an
// expired token signs nobody in (a rotated one presented after that is simply unknown).
inline constexpr Millis kExpiredRefreshRetentionMs = 24LL * 3600 * 1000;
HousekeepingReport run_housekeeping(Context& ctx);
// Removes attachment files older than `min_age` that no registration points to; returns how many.
std::int64_t remove_orphan_attachments(Context& ctx, std::chrono::seconds min_age);

}  // namespace gatepass::app
