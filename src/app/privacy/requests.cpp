#include "app/privacy/requests.hpp"

#include "app/audit.hpp"
#include "domain/error.hpp"

namespace gatepass::app::privacy {

store::privacy_requests::Request request_erasure(Context& ctx, const Principal& me) {
  store::privacy_requests::Request out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const auto opened = store::privacy_requests::open_for(c, me.user_id, now);
    out = opened.request;
    if (!opened.created) return;  // open already: asked before
    AuditRecord rec{"privacy.erase_request", "user", std::to_string(me.user_id), std::nullopt, {}};
    rec.details["erase_request_id"] = out.id;
    record_audit(c, Actor::of(me), rec, now);
  });
  return out;
}

std::optional<store::privacy_requests::Request> my_request(Context& ctx, const Principal& me) {
  std::optional<store::privacy_requests::Request> out;
  ctx.db.read([&](store::Connection& c) { out = store::privacy_requests::latest_of(c, me.user_id); });
  return out;
}

store::Page<store::privacy_requests::Request> list_requests(Context& ctx, const std::optional<std::string>& status,
                                                            const PageRequest& page) {
  if (status && *status != "pending" && *status != "done")
    throw Error(ErrorCode::validation, "Unknown status", {{"status", "must be pending or done"}});
  store::Page<store::privacy_requests::Request> out;
  ctx.db.read([&](store::Connection& c) { out = store::privacy_requests::list(c, status, page.limit, page.offset); });
  return out;
}

}  // namespace gatepass::app::privacy
