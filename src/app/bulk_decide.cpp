#include "app/bulk_decide.hpp"

#include <boost/json/serialize.hpp>

#include "app/audit.hpp"
#include "app/jobs.hpp"
#include "app/search/search_index.hpp"
#include "app/registrations.hpp"
#include "domain/error.hpp"
#include "store/jobs_repo.hpp"

namespace gatepass::app {

namespace {
DecisionResult decide_one(Context& ctx, const Principal& by, Decision d, Id id, const std::optional<std::string>& reason) {
  DecisionResult r{id, false, std::nullopt, std::nullopt, std::nullopt};
  try {
    if (d == Decision::approve) r.serial = approve_registration(ctx, by, id).ticket.ticket.serial;
    else decline_registration(ctx, by, id, reason);
    r.ok = true;
  } catch (const Error& e) {
    // One refusal (declined already, event full) must not stop the others: it is reported.
    r.error_code = std::string(to_string(e.code()));
    r.error_message = e.what();
  }
  return r;
}
}  // namespace

std::vector<DecisionResult> decide_registrations(Context& ctx, const Principal& by, Decision d, const std::vector<Id>& ids,
                                                 const std::optional<std::string>& reason) {
  if (ids.empty() || ids.size() > kMaxBulkIds)
    throw Error(ErrorCode::validation, "Bad selection", {{"ids", "must hold 1 to 500 registration ids"}});
  std::vector<DecisionResult> out;
  out.reserve(ids.size());
  for (Id id : ids) out.push_back(decide_one(ctx, by, d, id, reason));
  return out;
}

Job start_bulk_decision(Context& ctx, const Principal& by, Decision d, store::registrations::Filter filter,
                        const std::optional<std::string>& reason) {
  filter.status = RegistrationStatus::pending;
  filter.after_id = 0;
  Job job;
  job.kind = "bulk_decide";
  job.event_id = filter.event_id;
  job.created_by = by.user_id;
  const Millis now = ctx.now();
  if (filter.search && !filter.search->empty()) search::catch_up(ctx.db);  // the matches the admin saw
  ctx.db.write([&](store::Connection& c) {
    job.total = store::registrations::list(c, filter, 1, 0).total;
    if (job.total == 0) throw Error(ErrorCode::conflict, "No pending registrations match this filter");
    job.params_json = boost::json::serialize(boost::json::object{
        {"action", d == Decision::approve ? "approve" : "decline"},
        {"event_id", filter.event_id ? boost::json::value(*filter.event_id) : nullptr},
        {"q", filter.search ? boost::json::value(*filter.search) : nullptr}});
    job.id = store::jobs::insert(c, job, now);
    store::jobs::set_params(c, job.id, job.params_json);
    AuditRecord rec{d == Decision::approve ? "registration.bulk_approve" : "registration.bulk_decline", "job",
                    std::to_string(job.id), filter.event_id, {}};
    rec.details["matching"] = job.total;
    record_audit(c, Actor::of(by), rec, now);
  });
  job.created_at = now;

  ctx.jobs.submit([&ctx, by, d, filter, reason, job]() mutable {
    std::int64_t done = 0, ok = 0, failed = 0;
    try {
      job_started(ctx, job.id);
      // Oldest first, by id cursor: a refusal stays pending and is simply passed by. Only what
      // was pending when the job started is decided (newer registrations are not "matching").
      for (;;) {
        ctx.jobs.check_not_stopping();
        std::vector<Registration> page;
        ctx.db.read_one([&](store::Connection& c) { page = store::registrations::list(c, filter, 100, 0).items; });
        if (page.empty() || done >= job.total) break;
        for (const auto& reg : page) {
          if (done >= job.total) break;
          (decide_one(ctx, by, d, reg.id, reason).ok ? ok : failed)++;
          ++done;
          filter.after_id = reg.id;
        }
        const Millis now = ctx.now();
        ctx.db.write([&](store::Connection& c) { store::jobs::progress(c, job.id, done, now); });
      }
      const auto result = boost::json::serialize(boost::json::object{{"decided", ok}, {"refused", failed}});
      const Millis now = ctx.now();
      ctx.db.write([&](store::Connection& c) { store::jobs::finish(c, job.id, result, now, done); });
    } catch (const std::exception& e) {
      job_failed(ctx, job.id, e.what());
    }
  });
  return job;
}

}  // namespace gatepass::app
