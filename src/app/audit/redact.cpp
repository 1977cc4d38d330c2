#include "app/audit/redact.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

#include "app/audit.hpp"
#include "app/audit/seal.hpp"
#include "domain/audit_chain.hpp"
#include "domain/error.hpp"
#include "store/audit_chain_repo.hpp"

namespace gatepass::app::audit {

namespace {
// Rows named per `audit.redact` row: keeps each row's details a bounded size.
constexpr std::size_t kRowsPerRedaction = 500;
}  // namespace

std::int64_t redact_details(store::Connection& c, const std::vector<DetailsRedaction>& rows, const Actor& actor,
                            const std::string& reason, Millis now) {
  std::set<Id> seen;
  for (const auto& r : rows)
    if (!seen.insert(r.audit_id).second)
      throw Error(ErrorCode::validation, "An audit row is named twice", {{"audit_id", std::to_string(r.audit_id)}});
  // First link everything written so far: the rows to redact must be in the chain with the
  // digest of their original details before those details change.
  seal_pending(c, now, /*wait=*/true, std::nullopt);

  boost::json::array named;
  std::int64_t changed = 0;
  auto flush = [&] {
    if (named.empty()) return;
    AuditRecord rec{kRedactAction, "audit", std::nullopt, std::nullopt, {}};
    rec.details["reason"] = reason;
    rec.details["rows"] = std::move(named);
    named = {};
    record_audit(c, actor, rec, now);
  };
  for (const auto& r : rows) {
    const auto row = store::audit::find_chain_row(c, r.audit_id);
    if (!row) throw Error(ErrorCode::not_found, "No audit row " + std::to_string(r.audit_id));
    if (row->entry.action == kRedactAction)
      throw Error(ErrorCode::validation, "A redaction record cannot be redacted",
                  {{"audit_id", std::to_string(r.audit_id)}});
    const auto details = boost::json::serialize(r.details);
    const auto& actor_name = r.actor ? *r.actor : row->entry.actor;
    if (details == row->entry.details_json && actor_name == row->entry.actor) continue;
    store::audit::set_details(c, r.audit_id, details, r.actor);
    named.push_back(boost::json::object{{"id", r.audit_id}, {"details_digest", audit_chain::details_digest(actor_name, details)}});
    ++changed;
    if (named.size() == kRowsPerRedaction) flush();
  }
  flush();
  // The redaction records join the chain in this transaction: verify never sees redacted
  // details without the link that accounts for them.
  if (changed > 0) seal_pending(c, now, /*wait=*/true, std::nullopt);
  return changed;
}

std::map<Id, std::string> redacted_digests(const std::string& redaction_details_json) {
  std::map<Id, std::string> out;
  boost::system::error_code ec;
  const auto v = boost::json::parse(redaction_details_json, ec);
  if (ec || !v.is_object()) return out;
  const auto* list = v.as_object().if_contains("rows");
  if (!list || !list->is_array()) return out;
  for (const auto& item : list->as_array()) {
    if (!item.is_object()) continue;
    const auto* id = item.as_object().if_contains("id");
    const auto* digest = item.as_object().if_contains("details_digest");
    if (id && id->is_int64() && digest && digest->is_string())
      out[id->as_int64()] = std::string(digest->as_string());
  }
  return out;
}

}  // namespace gatepass::app::audit
