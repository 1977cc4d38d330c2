#pragma once
// The audit chain's columns and its head row (migration 013): what the sealer, `audit verify` and
// the redaction of details read and write. The chain itself (what a link hashes) is
// domain/audit_chain.hpp; the rules (who seals when, what verifies) are app/audit/.
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_chain.hpp"
#include "domain/model.hpp"
#include "store/db.hpp"

namespace gatepass::store::audit {

// An audit row with its place in the chain (all three unset while the row is not sealed).
struct ChainRow {
  AuditEntry entry;
  std::optional<std::int64_t> seq;
  std::optional<std::string> details_digest;
  std::optional<std::string> hash;
};

struct ChainHeadRow {
  gatepass::audit_chain::Head head;
  std::optional<Id> audit_id;  // the row at head.seq (none at the genesis)
};

// The head, locked until the end of this transaction: whoever holds it is the only one extending
// the chain (PostgreSQL: the row lock; SQLite: the write transaction is exclusive already).
// wait=false: nullopt at once if another transaction holds it (SKIP LOCKED).
std::optional<ChainHeadRow> lock_chain_head(Connection& c, bool wait);
std::optional<ChainHeadRow> read_chain_head(Connection& c);
void set_chain_head(Connection& c, const ChainHeadRow& head, Millis now);

// Rows not yet in the chain, lowest id first. On SQLite these are the rows past the head's
// (audit_id): its one writer gives a row committed later a higher id than every row before it, and
// sealing goes in id order, so they are found by the primary key alone, with no index to keep on
// every audit row's insert and seal (PostgreSQL, whose transactions commit out of id order, keeps
// the partial index audit_logs_unsealed).
std::vector<AuditEntry> unsealed(Connection& c, std::int64_t limit);
// A row's place in the chain, to be stored.
struct SealLink {
  Id id = 0;
  std::int64_t seq = 0;
  std::string details_digest;
  std::string hash;
};
// Links rows that are still unsealed; returns how many it linked (fewer than given: a row was
// sealed or removed meanwhile, and the caller must not move the head). PostgreSQL: one statement
// for the whole batch.
std::int64_t seal(Connection& c, const std::vector<SealLink>& links);

// Sealed rows after position `after_seq`, in chain order.
std::vector<ChainRow> sealed_after(Connection& c, std::int64_t after_seq, std::int64_t limit);
// Sealed rows of one action, in chain order (the redactions).
std::vector<ChainRow> sealed_with_action(Connection& c, const std::string& action);
struct Unsealed {
  std::int64_t count = 0;
  std::optional<Id> first_id;
};
// The rows the sealer has still to link (see unsealed(); the metrics' gauge), or with
// `whole_table` every row outside the chain however it came to be (audit verify: on SQLite a full
// scan, as the walk of the chain beside it is).
Unsealed count_unsealed(Connection& c, bool whole_table = false);

std::optional<ChainRow> find_chain_row(Connection& c, Id id);
// The details (and, when given, the actor's name) of a row: only through app::audit::redact_details.
void set_details(Connection& c, Id id, const std::string& details_json, const std::optional<std::string>& actor = std::nullopt);

}  // namespace gatepass::store::audit
