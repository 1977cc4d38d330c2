#include "app/housekeeping.hpp"

#include "app/attachments.hpp"
#include "app/checkin.hpp"
#include "store/account_tokens_repo.hpp"
#include "store/count_shards.hpp"
#include "app/privacy/retention.hpp"
#include "store/outbox_repo.hpp"
#include "store/registrations_repo.hpp"

namespace gatepass::app {

HousekeepingReport run_housekeeping(Context& ctx) {
  HousekeepingReport r;
  r.idempotency_keys_pruned = prune_idempotency_keys(ctx);
  r.orphan_attachments_removed = remove_orphan_attachments(ctx, std::chrono::hours(1));
  const Millis cutoff = ctx.now() - kSentMailRetentionMs;
  ctx.db.write([&](store::Connection& c) { r.sent_mail_pruned = store::outbox::delete_sent_before(c, cutoff); });
  ctx.db.write([&](store::Connection& c) {
    r.refresh_tokens_pruned = store::account_tokens::delete_refresh_expired_before(c, ctx.now() - kExpiredRefreshRetentionMs);
  });
  r.events_personal_data_erased = privacy::erase_due_events(ctx);
  ctx.db.write([&](store::Connection& c) { r.count_rows_folded = store::count_shards::fold_ended_connections(c); });
  return r;
}

std::int64_t remove_orphan_attachments(Context& ctx, std::chrono::seconds min_age) {
  // A file is written before its row commits; when that commit failed with an unknown outcome
  // the file was kept. Files no row points to after `min_age` are such leftovers. The age keeps
  // us away from uploads whose transaction is still running.
  const std::string dir = ctx.config.data_dir + "/attachments";
  const auto candidates = attachment_files_older_than(dir, min_age);
  std::int64_t removed = 0;
  constexpr std::size_t kChunk = 500;
  for (std::size_t start = 0; start < candidates.size(); start += kChunk) {
    const std::vector<std::string> chunk(candidates.begin() + static_cast<std::ptrdiff_t>(start),
                                         candidates.begin() + static_cast<std::ptrdiff_t>(std::min(candidates.size(), start + kChunk)));
    std::set<std::string> known;
    ctx.db.read([&](store::Connection& c) { known = store::registrations::known_attachment_files(c, chunk); });
    for (const auto& name : chunk)
      if (!known.contains(name)) {
        remove_attachment(dir, name);
        ++removed;
      }
  }
  return removed;
}

}  // namespace gatepass::app
