#include "app/generate_tickets.hpp"

#include <boost/json/serialize.hpp>
#include <future>
#include <thread>

#include "app/audit.hpp"
#include "app/jobs.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/serial.hpp"
#include "domain/ticket_token.hpp"
#include "store/events_repo.hpp"
#include "store/jobs_repo.hpp"
#include "store/sales_repo.hpp"
#include "store/ticket_types_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
// One transaction per chunk: big enough that per-commit costs vanish, small enough that memory
// stays flat (a few MB) and progress moves visibly.
constexpr std::int64_t kChunk = 5000;

std::vector<store::tickets::GeneratedRow> sign_chunk(const SigningKey& key, Id event_id, const std::string& prefix,
                                                     std::int64_t first_number, std::int64_t n) {
  std::vector<store::tickets::GeneratedRow> rows(static_cast<std::size_t>(n));
  const unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  auto work = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      const std::int64_t number = first_number + static_cast<std::int64_t>(i);
      ticket_token::Claims claims{static_cast<std::uint32_t>(key.key_id), static_cast<std::uint32_t>(event_id),
                                  static_cast<std::uint64_t>(number), crypto::random_u32()};
      rows[i] = {number, format_serial(prefix, number), ticket_token::sign(claims, key.secret)};
    }
  };
  std::vector<std::thread> pool;
  const std::size_t per = (rows.size() + threads - 1) / threads;
  for (unsigned t = 1; t < threads; ++t) {
    const std::size_t from = std::min(rows.size(), t * per), to = std::min(rows.size(), from + per);
    if (from < to) pool.emplace_back(work, from, to);
  }
  work(0, std::min(rows.size(), per));
  for (auto& th : pool) th.join();
  return rows;
}
}  // namespace

Generation reserve_generation(Context& ctx, const Actor& by, Id event_id, Id ticket_type_id, std::int64_t count) {
  if (count < 1 || count > kMaxGenerateCount)
    throw Error(ErrorCode::validation, "Bad count", {{"count", "must be between 1 and 1000000"}});
  Generation g;
  g.event_id = event_id;
  g.ticket_type_id = ticket_type_id;
  g.count = count;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto event = store::events::find(c, event_id);
    if (!event) throw Error(ErrorCode::not_found, "No event with id " + std::to_string(event_id));
    const auto type = store::ticket_types::find(c, ticket_type_id);
    if (!type || type->event_id != event_id)
      throw Error(ErrorCode::validation, "Unknown ticket type", {{"ticket_type_id", "is not a ticket type of this event"}});
    // Two conditional writes: the type's quota, then the event's capacity (which also hands out
    // the numbers). Either refusing rolls both back.
    if (store::ticket_types::reserve(c, ticket_type_id, count) != 1)
      throw Error(ErrorCode::quota_exceeded, "Only " + std::to_string(type->quota.value_or(0) - type->generated) +
                                                 " more tickets of '" + type->name + "' fit its quota");
    const auto first = store::events::reserve_ticket_numbers(c, event_id, count);
    if (!first) throw Error(ErrorCode::quota_exceeded, "The event's capacity does not allow " + std::to_string(count) + " more tickets");
    g.first_number = *first;

    Job job;
    job.kind = "generate_tickets";
    job.total = count;
    job.event_id = event_id;
    job.created_by = by.id;
    job.id = store::jobs::insert(c, job, now);
    g.batch_id = store::sales::insert_batch(c, {0, event_id, ticket_type_id, count, *first}, job.id, by.id, now);
    job.params_json = boost::json::serialize(boost::json::object{
        {"event_id", event_id}, {"ticket_type_id", ticket_type_id}, {"batch_id", g.batch_id}, {"first_number", *first}});
    store::jobs::set_params(c, job.id, job.params_json);
    job.created_at = now;
    g.job = job;

    AuditRecord rec{"tickets.generate", "ticket_batch", std::to_string(g.batch_id), event_id, {}};
    rec.details["count"] = count;
    rec.details["ticket_type_id"] = ticket_type_id;
    rec.details["first_serial"] = format_serial(event->serial_prefix, *first);
    record_audit(c, by, rec, now);
  });
  return g;
}

void run_generation(Context& ctx, const Generation& g, const std::function<void(std::int64_t, std::int64_t)>& on_progress) {
  try {
    job_started(ctx, g.job.id);
    std::optional<Event> event;
    std::optional<TicketType> type;
    SigningKey key;
    ctx.db.read([&](store::Connection& c) {
      event = store::events::find(c, g.event_id);
      type = store::ticket_types::find(c, g.ticket_type_id);
      key = ctx.keys.signing_key(c, g.event_id);
    });
    if (!event || !type) throw Error(ErrorCode::not_found, "The event or ticket type was deleted");
    store::tickets::BatchInfo info{g.event_id, g.ticket_type_id, g.batch_id, key.key_id, type->price, ctx.now(), g.job.created_by};

    auto sign = [&, prefix = event->serial_prefix](std::int64_t offset) {
      return sign_chunk(key, g.event_id, prefix, g.first_number + offset, std::min(kChunk, g.count - offset));
    };
    // Sign the next chunk on all cores while this one is inserted.
    auto next = std::async(std::launch::async, sign, std::int64_t{0});
    for (std::int64_t offset = 0; offset < g.count; offset += kChunk) {
      auto rows = next.get();
      if (offset + kChunk < g.count) next = std::async(std::launch::async, sign, offset + kChunk);
      ctx.jobs.check_not_stopping();
      const std::int64_t done = offset + static_cast<std::int64_t>(rows.size());
      const Millis now = ctx.now();
      ctx.db.write([&](store::Connection& c) {
        store::tickets::insert_generated(c, info, rows);
        store::jobs::progress(c, g.job.id, done, now);
      });
      if (on_progress) on_progress(done, g.count);
    }
    const auto first_serial = format_serial(event->serial_prefix, g.first_number);
    const auto last_serial = format_serial(event->serial_prefix, g.first_number + g.count - 1);
    const auto result = boost::json::serialize(boost::json::object{
        {"batch_id", g.batch_id}, {"first_serial", first_serial}, {"last_serial", last_serial}, {"count", g.count}});
    const Millis now = ctx.now();
    ctx.db.write([&](store::Connection& c) { store::jobs::finish(c, g.job.id, result, now); });
  } catch (const std::exception& e) {
    job_failed(ctx, g.job.id, e.what());
    throw;
  }
}

Job start_generation(Context& ctx, const Principal& by, Id event_id, Id ticket_type_id, std::int64_t count) {
  const Generation g = reserve_generation(ctx, Actor::of(by), event_id, ticket_type_id, count);
  ctx.jobs.submit([&ctx, g] { run_generation(ctx, g); });
  return g.job;
}

}  // namespace gatepass::app
