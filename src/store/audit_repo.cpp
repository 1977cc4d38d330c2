#include "store/audit_repo.hpp"

#include <map>

#include "store/in_chunks.hpp"

namespace gatepass::store::audit {

void insert(Connection& c, const AuditEntry& e) {
  c.defer(  // nobody reads the row back in this transaction: it travels with the next statement
      "INSERT INTO audit_logs (actor_id, actor, action, entity_type, entity_id, event_id, details, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.actor_id ? Value{*e.actor_id} : Value{nullptr}, e.actor, e.action, e.entity_type,
       e.entity_id ? Value{*e.entity_id} : Value{nullptr}, e.event_id ? Value{*e.event_id} : Value{nullptr},
       e.details_json, e.created_at});
}

Page<AuditEntry> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset) {
  std::string where = " WHERE 1 = 1";
  std::vector<Value> params;
  if (f.action) {
    where += " AND action = ?";
    params.emplace_back(*f.action);
  }
  if (f.event_id) {
    where += " AND event_id = ?";
    params.emplace_back(*f.event_id);
  }
  Page<AuditEntry> page;
  page.total = c.exec("SELECT COUNT(*) FROM audit_logs" + where, params).rows.at(0).integer(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto r = c.exec(
      "SELECT id, actor_id, actor, action, entity_type, entity_id, event_id, details, created_at FROM audit_logs" +
          where + " ORDER BY id DESC LIMIT ? OFFSET ?",
      params);
  for (auto& row : r.rows) {
    AuditEntry e;
    e.id = row.integer(0);
    e.actor_id = row.opt_integer(1);
    e.actor = row.text(2);
    e.action = row.text(3);
    e.entity_type = row.text(4);
    e.entity_id = row.opt_text(5);
    e.event_id = row.opt_integer(6);
    e.details_json = row.text(7);
    e.created_at = row.integer(8);
    page.items.push_back(std::move(e));
  }
  return page;
}

const std::vector<std::string_view> kPersonalKeys = {"to",   "from",  "email",  "name",           "username",
                                                     "phone", "reason", "notes", "override_reason"};

namespace {
struct Candidate {
  std::string details;
  std::optional<Id> actor_id;
  bool about_them = false;  // linked by entity, actor or event: personal keys go too
};
const std::string kCandidateColumns = "SELECT id, details, actor_id FROM audit_logs WHERE ";

void collect(std::map<Id, Candidate>& out, const Result& r, bool about_them) {
  for (const auto& row : r.rows) {
    auto& cand = out[row.integer(0)];
    cand.details = row.text(1);
    cand.actor_id = row.opt_integer(2);
    cand.about_them = cand.about_them || about_them;
  }
}
}  // namespace

std::vector<PersonalDataRewrite> personal_data_rewrites(Connection& c, const PersonalData& who) {
  std::map<Id, Candidate> rows;
  std::map<std::string, std::vector<std::string>> by_type;
  for (const auto& [type, id] : who.entities) by_type[type].push_back(id);
  for (const auto& [type, ids] : by_type)
    collect(rows, exec_in_chunks(c, kCandidateColumns + "entity_type = ? AND entity_id IN ", ids, std::string(), {type}),
            true);
  collect(rows, exec_in_chunks(c, kCandidateColumns + "actor_id IN ", who.actors, Id{0}), true);
  if (who.event_id)
    collect(rows,
            c.query(kCandidateColumns + "event_id = ? AND entity_type IN ('registration','ticket','refund','transfer','mail','sale')",
                    {*who.event_id}),
            true);
  // Mentions anywhere: the details' text narrows the rows, the JSON walk decides.
  for (const auto& id : who.identifiers.folded())
    collect(rows, c.query(kCandidateColumns + "lower(details) LIKE ? ESCAPE '\\'", {like_pattern(id)}), false);

  std::vector<PersonalDataRewrite> out;
  for (const auto& [id, cand] : rows) {
    auto details = personal_data::scrub_json(cand.details, who.identifiers,
                                             cand.about_them ? kPersonalKeys : std::vector<std::string_view>{});
    const bool by_them = cand.actor_id && std::find(who.actors.begin(), who.actors.end(), *cand.actor_id) != who.actors.end();
    if (!details && !by_them) continue;
    out.push_back({id, details.value_or(cand.details),
                   by_them ? std::optional<std::string>("erased:" + std::to_string(*cand.actor_id)) : std::nullopt});
  }
  return out;
}

}  // namespace gatepass::store::audit
