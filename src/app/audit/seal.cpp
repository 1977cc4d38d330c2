#include "app/audit/seal.hpp"

#include <algorithm>
#include <stdexcept>

#include "domain/audit_chain.hpp"
#include "store/audit_chain_repo.hpp"

namespace gatepass::app::audit {

std::optional<std::int64_t> seal_pending(store::Connection& c, Millis now, bool wait,
                                         std::optional<std::int64_t> max_rows) {
  auto head = store::audit::lock_chain_head(c, wait);
  if (!head) {
    // SQLite, or a wait: the row is gone, not locked. Sealing cannot go on without it, and
    // `audit verify` says so.
    if (wait || c.dialect() == store::Dialect::sqlite) throw std::runtime_error("the audit chain's head row is missing");
    return std::nullopt;  // another instance is sealing
  }
  const auto start_seq = head->head.seq;
  std::int64_t linked = 0;
  for (;;) {
    const auto limit = max_rows ? std::min(kSealBatch, *max_rows - linked) : kSealBatch;
    if (limit <= 0) break;
    // Sees the links written just above: deferred writes run before the next statement.
    const auto rows = store::audit::unsealed(c, limit);
    for (const auto& row : rows) {
      const auto digest = audit_chain::details_digest(row.actor, row.details_json);
      const auto seq = head->head.seq + 1;
      head->head = {seq, audit_chain::link_hash(head->head.hash, seq, row, digest)};
      head->audit_id = row.id;
      store::audit::seal(c, row.id, seq, digest, head->head.hash);
    }
    linked += static_cast<std::int64_t>(rows.size());
    if (static_cast<std::int64_t>(rows.size()) < limit) break;
  }
  if (linked == 0) return 0;
  store::audit::set_chain_head(c, *head, now);
  // Every link landed (the writes were deferred): otherwise a row changed under us; roll back.
  if (store::audit::count_sealed_after(c, start_seq) != linked)
    throw std::runtime_error("audit chain: rows changed while they were being sealed");
  return linked;
}

std::int64_t seal_committed(store::Database& db, const std::function<Millis()>& clock, bool wait) {
  std::int64_t total = 0;
  for (;;) {
    std::optional<std::int64_t> linked;
    db.write([&](store::Connection& c) { linked = seal_pending(c, clock(), wait, kSealBatch); });
    if (!linked) return total;
    total += *linked;
    if (*linked < kSealBatch) return total;
  }
}

}  // namespace gatepass::app::audit
