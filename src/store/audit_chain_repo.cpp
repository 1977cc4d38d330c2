#include "store/audit_chain_repo.hpp"

#include <functional>

namespace gatepass::store::audit {

namespace {
const std::string kColumns =
    "SELECT id, actor_id, actor, action, entity_type, entity_id, event_id, details, created_at, chain_seq, "
    "details_digest, chain_hash FROM audit_logs ";

ChainRow chain_row(const Row& row) {
  ChainRow r;
  r.entry.id = row.integer(0);
  r.entry.actor_id = row.opt_integer(1);
  r.entry.actor = row.text(2);
  r.entry.action = row.text(3);
  r.entry.entity_type = row.text(4);
  r.entry.entity_id = row.opt_text(5);
  r.entry.event_id = row.opt_integer(6);
  r.entry.details_json = row.text(7);
  r.entry.created_at = row.integer(8);
  r.seq = row.opt_integer(9);
  r.details_digest = row.opt_text(10);
  r.hash = row.opt_text(11);
  return r;
}
std::vector<ChainRow> chain_rows(const Result& result) {
  std::vector<ChainRow> out;
  out.reserve(result.rows.size());
  for (const auto& row : result.rows) out.push_back(chain_row(row));
  return out;
}
std::optional<ChainHeadRow> head_of(const Result& r) {
  if (r.rows.empty()) return std::nullopt;
  const auto& row = r.rows.front();
  return ChainHeadRow{{row.integer(0), row.text(1)}, row.opt_integer(2)};
}
}  // namespace

std::optional<ChainHeadRow> lock_chain_head(Connection& c, bool wait) {
  std::string sql = "SELECT seq, hash, audit_id FROM audit_chain_head WHERE id = 1";
  if (c.dialect() == Dialect::postgres) sql += wait ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED";
  return head_of(c.exec(sql));
}

std::optional<ChainHeadRow> read_chain_head(Connection& c) {
  return head_of(c.exec("SELECT seq, hash, audit_id FROM audit_chain_head WHERE id = 1"));
}

void set_chain_head(Connection& c, const ChainHeadRow& head, Millis now) {
  c.defer("UPDATE audit_chain_head SET seq = ?, hash = ?, audit_id = ?, sealed_at = ? WHERE id = 1",
          {head.head.seq, head.head.hash, opt(head.audit_id), now});
}

namespace {
// SQLite: the rows past the head's, by primary key (see the header). The chain_seq test stays: a
// seal_pending pass stores several batches before it moves the head.
const std::string kPastTheHead =
    "id > (SELECT COALESCE(audit_id, 0) FROM audit_chain_head WHERE id = 1) AND chain_seq IS NULL ";
}  // namespace

std::vector<AuditEntry> unsealed(Connection& c, std::int64_t limit) {
  const std::string where = c.dialect() == Dialect::sqlite ? "WHERE " + kPastTheHead : "WHERE chain_seq IS NULL ";
  std::vector<AuditEntry> out;
  for (auto& r : chain_rows(c.query(kColumns + where + "ORDER BY id LIMIT ?", {limit}))) out.push_back(std::move(r.entry));
  return out;
}

namespace {
// A PostgreSQL array literal of text elements, each quoted (the hashes are hex, but nothing relies on it).
std::string pg_array(const std::vector<SealLink>& links, const std::function<std::string(const SealLink&)>& field) {
  std::string out = "{";
  for (const auto& l : links) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char ch : field(l)) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}
}  // namespace

std::int64_t seal(Connection& c, const std::vector<SealLink>& links) {
  if (links.empty()) return 0;
  if (c.dialect() == Dialect::postgres) {
    // One statement per batch, not one per row: the sealer runs beside every hot write, and on
    // PostgreSQL each statement has a fixed cost; the row count is the check (a COUNT over
    // chain_seq after the batch took 10-20 ms per pass under load).
    return c
        .query("UPDATE audit_logs a SET chain_seq = l.seq, details_digest = l.digest, chain_hash = l.hash "
              "FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS l(id, seq, digest, hash) "
              "WHERE a.id = l.id AND a.chain_seq IS NULL",
              {pg_array(links, [](const SealLink& l) { return std::to_string(l.id); }),
               pg_array(links, [](const SealLink& l) { return std::to_string(l.seq); }),
               pg_array(links, [](const SealLink& l) { return l.details_digest; }),
               pg_array(links, [](const SealLink& l) { return l.hash; })})
        .affected;
  }
  std::int64_t linked = 0;
  for (const auto& l : links)
    linked += c.query("UPDATE audit_logs SET chain_seq = ?, details_digest = ?, chain_hash = ? WHERE id = ? AND chain_seq IS NULL",
                     {l.seq, l.details_digest, l.hash, l.id})
                  .affected;
  return linked;
}

std::vector<ChainRow> sealed_after(Connection& c, std::int64_t after_seq, std::int64_t limit) {
  return chain_rows(c.query(kColumns + "WHERE chain_seq > ? ORDER BY chain_seq LIMIT ?", {after_seq, limit}));
}

std::vector<ChainRow> sealed_with_action(Connection& c, const std::string& action) {
  return chain_rows(c.query(kColumns + "WHERE action = ? AND chain_seq IS NOT NULL ORDER BY chain_seq", {action}));
}

Unsealed count_unsealed(Connection& c, bool whole_table) {
  const std::string where = c.dialect() == Dialect::sqlite && !whole_table ? kPastTheHead : "chain_seq IS NULL";
  const auto r = c.exec("SELECT COUNT(*), MIN(id) FROM audit_logs WHERE " + where);
  return {r.rows.at(0).integer(0), r.rows.at(0).opt_integer(1)};
}

std::optional<ChainRow> find_chain_row(Connection& c, Id id) {
  auto rows = chain_rows(c.query(kColumns + "WHERE id = ?", {id}));
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

void set_details(Connection& c, Id id, const std::string& details_json, const std::optional<std::string>& actor) {
  if (actor) c.query("UPDATE audit_logs SET details = ?, actor = ? WHERE id = ?", {details_json, *actor, id});
  else c.query("UPDATE audit_logs SET details = ? WHERE id = ?", {details_json, id});
}

}  // namespace gatepass::store::audit
