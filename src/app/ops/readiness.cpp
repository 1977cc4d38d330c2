#include "app/ops/readiness.hpp"

#include <sys/statvfs.h>

#include "store/migrations.hpp"
#include "store/outbox_repo.hpp"

namespace gatepass::app {

std::vector<ReadinessCheck> check_readiness(Context& ctx) {
  std::vector<ReadinessCheck> out;
  int applied = -1;
  std::optional<Millis> oldest_mail;
  try {
    ctx.db.read([&](store::Connection& c) {
      applied = store::applied_version(c);
      oldest_mail = store::outbox::oldest_queued_at(c);
    });
    out.push_back({"database", true, std::string(ctx.db.name()) + " answers"});
  } catch (const std::exception& e) {
    out.push_back({"database", false, std::string("does not answer: ") + e.what()});
    return out;  // nothing else can be known
  }
  const int latest = store::latest_version(ctx.db.dialect());
  out.push_back({"migrations", applied == latest,
                 "schema version " + std::to_string(applied) + ", this build expects " + std::to_string(latest)});

  if (ctx.db.dialect() == store::Dialect::sqlite) {
    struct statvfs fs {};
    if (::statvfs(ctx.config.data_dir.c_str(), &fs) != 0) {
      out.push_back({"disk", false, "cannot read the free space of " + ctx.config.data_dir});
    } else {
      const auto free_bytes = static_cast<std::int64_t>(fs.f_bavail) * static_cast<std::int64_t>(fs.f_frsize);
      out.push_back({"disk", free_bytes >= ctx.config.ready_min_free_bytes,
                     std::to_string(free_bytes / (1024 * 1024)) + " MB free, at least " +
                         std::to_string(ctx.config.ready_min_free_bytes / (1024 * 1024)) + " MB wanted"});
    }
  }

  // Only while mail is set up and switched on: otherwise messages wait on purpose.
  const auto& mail = ctx.config.mail;
  if (!mail.smtp_url.empty() && mail.enabled) {
    const Millis age = oldest_mail ? ctx.now() - *oldest_mail : 0;
    out.push_back({"outbox", age <= ctx.config.ready_max_outbox_age_ms,
                   oldest_mail ? "the oldest unsent message waits " + std::to_string(age / 1000) + " s"
                               : "nothing waits"});
  }
  return out;
}

}  // namespace gatepass::app
