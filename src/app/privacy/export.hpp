#pragma once
// Everything held about one address, as stored (docs/privacy.md): `gatepass privacy export` and
// GET /api/admin/privacy/export. Audited (privacy.export) with the subject pseudonym and the row
// counts, never the address.
#include "app/audit_record.hpp"
#include "app/context.hpp"
#include "store/privacy_repo.hpp"

namespace gatepass::app::privacy {

struct Export {
  std::string email;
  std::string subject;
  Millis generated_at = 0;
  std::vector<store::privacy::Section> sections;
};
Export export_person(Context& ctx, const Actor& by, const std::optional<std::string>& email);

}  // namespace gatepass::app::privacy
