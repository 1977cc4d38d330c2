#include "app/audit/verify.hpp"

#include <map>
#include <stdexcept>

#include "app/audit/redact.hpp"
#include "store/audit_chain_repo.hpp"

namespace gatepass::app::audit {

namespace {
constexpr std::int64_t kPage = 5000;

struct Redacted {
  std::int64_t seq;    // position of the redaction record
  std::string digest;  // digest of the details it put in place
};

// Audit row id -> its latest recorded redaction. Read before the walk; each record is itself
// checked when the walk reaches it, so a forged one still breaks the chain there.
std::map<Id, Redacted> load_redactions(store::Connection& c) {
  std::map<Id, Redacted> out;
  for (const auto& r : store::audit::sealed_with_action(c, kRedactAction))
    for (auto& [id, digest] : redacted_digests(r.entry.details_json)) out[id] = {*r.seq, std::move(digest)};
  return out;
}

class Walk {
 public:
  Walk(VerifyReport& report, const std::optional<audit_chain::Head>& kept, std::map<Id, Redacted> redactions)
      : r_(report), kept_(kept), redactions_(std::move(redactions)) {}

  // False at the first row that does not match (the report says which and why).
  bool step(const store::audit::ChainRow& row) {
    const auto expected = r_.head.seq + 1;
    if (*row.seq != expected)
      return fail(row, "chain position " + std::to_string(expected) +
                           " is missing before this row (a row was deleted, or its position changed)");
    if (!row.details_digest || !row.hash) return fail(row, "the row is sealed but its digest or hash was removed");
    if (!details_match(row)) return false;
    std::string computed;
    try {
      computed = audit_chain::link_hash(r_.head.hash, *row.seq, row.entry, *row.details_digest);
    } catch (const std::invalid_argument&) {
      return fail(row, "its details digest is not a SHA-256 digest (edited)");
    }
    if (computed != *row.hash)
      return fail(row, "its hash does not match its contents and the previous link (a column was edited, or rows "
                       "were swapped, reordered or removed before it)");
    if (kept_ && kept_->seq == *row.seq && kept_->hash != *row.hash)
      return fail(row, "the chain no longer passes through the kept head " + to_string(*kept_) +
                           ": it was rebuilt up to here");
    r_.head = {*row.seq, *row.hash};
    ++r_.rows_checked;
    return true;
  }

  // After the last sealed row: the head row and a kept head must agree with where the walk ended.
  void finish(const std::optional<store::audit::ChainHeadRow>& stored) {
    if (!stored) return fail_at(std::nullopt, std::nullopt, "the chain's head record is missing");
    if (stored->head.seq > r_.head.seq)
      return fail_at(stored->audit_id, stored->head.seq,
                     "the chain ends at position " + std::to_string(r_.head.seq) + " but its head record names " +
                         std::to_string(stored->head.seq) + ": rows at the end were deleted");
    if (stored->head != r_.head)
      return fail_at(stored->audit_id, stored->head.seq,
                     "the chain's head record (" + to_string(stored->head) + ") does not match the chain's end (" +
                         to_string(r_.head) + ")");
    if (kept_ && kept_->seq == 0 && kept_->hash != audit_chain::kGenesisHash)
      return fail_at(std::nullopt, 0, "the kept head " + to_string(*kept_) + " is not this chain's genesis");
    if (kept_ && kept_->seq > r_.head.seq)
      return fail_at(std::nullopt, kept_->seq,
                     "the kept head " + to_string(*kept_) + " is beyond the chain's end at position " +
                         std::to_string(r_.head.seq) + ": rows were deleted and the chain rebuilt");
  }

 private:
  bool details_match(const store::audit::ChainRow& row) {
    const auto digest = audit_chain::details_digest(row.entry.actor, row.entry.details_json);
    if (digest == *row.details_digest) return true;
    const auto it = redactions_.find(row.entry.id);
    if (it != redactions_.end() && it->second.seq > *row.seq && it->second.digest == digest) {
      ++r_.redacted;
      return true;
    }
    return fail(row, "its details differ from those sealed with it, and no recorded redaction accounts for them");
  }
  bool fail(const store::audit::ChainRow& row, std::string reason) {
    fail_at(row.entry.id, row.seq, std::move(reason));
    return false;
  }
  void fail_at(std::optional<Id> id, std::optional<std::int64_t> seq, std::string reason) {
    r_.ok = false;
    r_.bad_row_id = id;
    r_.bad_seq = seq;
    r_.reason = std::move(reason);
  }

  VerifyReport& r_;
  const std::optional<audit_chain::Head>& kept_;
  std::map<Id, Redacted> redactions_;
};
}  // namespace

VerifyReport verify_chain(store::Database& db, const std::optional<audit_chain::Head>& kept) {
  VerifyReport report;
  db.read([&](store::Connection& c) {
    report = VerifyReport{};
    Walk walk(report, kept, load_redactions(c));
    for (bool more = true; more && report.ok;) {
      const auto page = store::audit::sealed_after(c, report.head.seq, kPage);
      more = static_cast<std::int64_t>(page.size()) == kPage;
      for (const auto& row : page)
        if (!walk.step(row)) break;
    }
    if (report.ok) walk.finish(store::audit::read_chain_head(c));
    const auto unsealed = store::audit::count_unsealed(c, /*whole_table=*/true);
    report.unsealed = unsealed.count;
    report.first_unsealed_id = unsealed.first_id;
  });
  return report;
}

}  // namespace gatepass::app::audit
