#include "cli/tickets_command.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/generate_tickets.hpp"
#include "app/ticket_types.hpp"
#include "app/tickets.hpp"
#include "domain/error.hpp"

namespace gatepass::cli {

namespace {
Id choose_type(app::Context& ctx, Id event_id, std::optional<Id> type_id) {
  if (type_id) return *type_id;
  const auto types = app::list_ticket_types(ctx, event_id);
  if (types.size() == 1) return types[0].id;
  if (types.empty()) {
    throw Error(ErrorCode::validation, "The event has no ticket types yet",
                {{"--type", "create one first (POST /api/events/" + std::to_string(event_id) +
                                "/ticket-types or the admin app), then pass its id"}});
  }
  std::string ids;
  for (const auto& t : types) ids += (ids.empty() ? "" : ", ") + std::to_string(t.id) + " (" + t.name + ")";
  throw Error(ErrorCode::validation, "The event has several ticket types", {{"--type", "choose one of " + ids}});
}

void draw_progress(std::int64_t done, std::int64_t total, double seconds) {
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / std::max<std::int64_t>(total, 1));
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kWidth - filled), ' ');
  std::fprintf(stderr, "\r[%s] %3d%% %lld/%lld  %.1f s", bar.c_str(), static_cast<int>(100 * done / std::max<std::int64_t>(total, 1)),
               static_cast<long long>(done), static_cast<long long>(total), seconds);
  std::fflush(stderr);
}
}  // namespace

int generate_tickets(app::Context& ctx, Id event_id, std::optional<Id> type_id, std::int64_t count) {
  const Id type = choose_type(ctx, event_id, type_id);
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  const auto g = app::reserve_generation(ctx, app::Actor::system(), event_id, type, count);
  draw_progress(0, count, 0);
  app::run_generation(ctx, g, [&](std::int64_t done, std::int64_t total) { draw_progress(done, total, elapsed()); });
  std::fprintf(stderr, "\n");
  std::cout << "generated " << count << " tickets in " << elapsed() << " s: batch " << g.batch_id << ", job " << g.job.id
            << "\n";
  return 0;
}

int export_batch(app::Context& ctx, Id batch_id, std::ostream& out) {
  app::export_batch_csv(ctx, batch_id, [&](std::string_view chunk) { out << chunk; });
  out.flush();
  return out ? 0 : 1;
}

}  // namespace gatepass::cli
