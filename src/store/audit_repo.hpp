#pragma once
#include "domain/model.hpp"
#include "domain/personal_data.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::audit {

void insert(Connection& c, const AuditEntry& e);
struct Filter {
  std::optional<std::string> action;
  std::optional<Id> event_id;
};
Page<AuditEntry> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset);

// Whose personal data leaves the audit log (docs/privacy.md).
struct PersonalData {
  // Any details string that mentions one of these is replaced, whichever row it is in.
  personal_data::Identifiers identifiers;
  // Rows about these entities (entity_type, entity_id), by these accounts, or (retention) about the
  // people of this event lose the values of their personal keys too (kPersonalKeys); rows by these
  // accounts name the actor "erased:<id>" instead of the username.
  std::vector<std::pair<std::string, std::string>> entities;
  std::vector<Id> actors;
  std::optional<Id> event_id;
};
// The audit keys whose values are about a person (a holder label, an address, a free-text reason).
extern const std::vector<std::string_view> kPersonalKeys;
// What erasure changes in the audit log, row by row: the details keep their shape with the
// personal values replaced by "[erased]"; rows by an erased account name "erased:<id>" as actor.
// Action, entity, event and time stay.
struct PersonalDataRewrite {
  Id id = 0;
  std::string details_json;          // the new details (unchanged when only the actor changes)
  std::optional<std::string> actor;  // the new actor, if it changes
};
// Applied only through app::audit::redact_details (app::privacy::erase_from_audit_log), which keeps
// the audit chain verifiable.
std::vector<PersonalDataRewrite> personal_data_rewrites(Connection& c, const PersonalData& who);

}  // namespace gatepass::store::audit
