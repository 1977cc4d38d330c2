#include "app/audit/seal.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "domain/audit_chain.hpp"
#include "store/audit_chain_repo.hpp"

namespace gatepass::app::audit {

namespace {

// The chain extended from `head` by `rows` (lowest id first): pure hashing, no database. `head`
// becomes the new head.
std::vector<store::audit::SealLink> links_from(store::audit::ChainHeadRow& head, const std::vector<AuditEntry>& rows) {
  std::vector<store::audit::SealLink> links;
  links.reserve(rows.size());
  for (const auto& row : rows) {
    auto digest = audit_chain::details_digest(row.actor, row.details_json);
    const auto seq = head.head.seq + 1;
    head.head = {seq, audit_chain::link_hash(head.head.hash, seq, row, digest)};
    head.audit_id = row.id;
    links.push_back({row.id, seq, std::move(digest), head.head.hash});
  }
  return links;
}

// Stores the links in the caller's transaction (which holds the head's lock). Every link must
// land: otherwise a row changed under us; roll back.
void store_links(store::Connection& c, const std::vector<store::audit::SealLink>& links) {
  if (store::audit::seal(c, links) != static_cast<std::int64_t>(links.size()))
    throw std::runtime_error("audit chain: rows changed while they were being sealed");
}

// The head, locked; nullopt when another transaction holds it and we do not wait.
std::optional<store::audit::ChainHeadRow> locked_head(store::Connection& c, bool wait) {
  auto head = store::audit::lock_chain_head(c, wait);
  // SQLite, or a wait: the row is gone, not locked. Sealing cannot go on without it, and
  // `audit verify` says so.
  if (!head && (wait || c.dialect() == store::Dialect::sqlite))
    throw std::runtime_error("the audit chain's head row is missing");
  return head;
}

}  // namespace

std::optional<std::int64_t> seal_pending(store::Connection& c, Millis now, bool wait,
                                         std::optional<std::int64_t> max_rows) {
  auto head = locked_head(c, wait);
  if (!head) return std::nullopt;  // another instance is sealing
  std::int64_t linked = 0;
  for (;;) {
    const auto limit = max_rows ? std::min(kSealBatch, *max_rows - linked) : kSealBatch;
    if (limit <= 0) break;
    // The links stored just above are no longer unsealed: the next read starts after them.
    const auto rows = store::audit::unsealed(c, limit);
    store_links(c, links_from(*head, rows));
    linked += static_cast<std::int64_t>(rows.size());
    if (static_cast<std::int64_t>(rows.size()) < limit) break;
  }
  if (linked > 0) store::audit::set_chain_head(c, *head, now);
  return linked;
}

std::int64_t seal_committed(store::Database& db, const std::function<Millis()>& clock, bool wait) {
  // The hashing happens outside the write transaction: the rows and the head are read in a
  // snapshot, the links computed with no transaction open, and the write only checks that the
  // head has not moved and stores them. On SQLite the one writer thread is what every approval
  // and check-in queues for; the hashes were 80 % of a seal's time there (callgrind: ~45,000
  // instructions of ~55,000 per row). Rows do not change unsealed (a redaction seals first, which
  // moves the head), so an unmoved head means the links are still right.
  std::int64_t total = 0;
  for (;;) {
    std::optional<store::audit::ChainHeadRow> head;
    std::vector<AuditEntry> rows;
    db.read([&](store::Connection& c) {
      head = store::audit::read_chain_head(c);
      if (head) rows = store::audit::unsealed(c, kSealBatch);
    });
    if (!head) throw std::runtime_error("the audit chain's head row is missing");
    if (rows.empty()) return total;
    const auto start = *head;
    const auto links = links_from(*head, rows);
    std::optional<std::int64_t> linked;
    db.write([&](store::Connection& c) {
      linked.reset();  // the backend may re-run this after a deadlock
      const auto now_head = locked_head(c, wait);
      if (!now_head) return;  // another instance is sealing
      if (now_head->head.seq != start.head.seq || now_head->head.hash != start.head.hash) {
        linked = 0;  // moved since the read (another sealer, a redaction): read again
        return;
      }
      store_links(c, links);
      store::audit::set_chain_head(c, *head, clock());
      linked = static_cast<std::int64_t>(links.size());
    });
    if (!linked) return total;
    total += *linked;
    if (*linked == 0) continue;
    if (static_cast<std::int64_t>(rows.size()) < kSealBatch) return total;
  }
}

}  // namespace gatepass::app::audit
