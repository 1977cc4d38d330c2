#pragma once
#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::audit {

void insert(Connection& c, const AuditEntry& e);
struct Filter {
  std::optional<std::string> action;
  std::optional<Id> event_id;
};
Page<AuditEntry> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset);

}  // namespace gatepass::store::audit
