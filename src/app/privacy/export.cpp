#include "app/privacy/export.hpp"

#include "app/audit.hpp"
#include "app/privacy/person.hpp"

namespace gatepass::app::privacy {

Export export_person(Context& ctx, const Actor& by, const std::optional<std::string>& email) {
  Export out;
  out.email = checked_email(email);
  out.subject = subject_of(ctx, out.email);
  out.generated_at = ctx.now();
  // A write: the audit row commits with the read it describes, or the export is not given out.
  ctx.db.write([&](store::Connection& c) {
    const auto person = store::privacy::find_person(c, out.email, {});
    out.sections = store::privacy::export_person(c, person);
    AuditRecord rec{"privacy.export", "person", out.subject, std::nullopt, {}};
    for (const auto& s : out.sections) rec.details[s.name] = static_cast<std::int64_t>(s.rows.size());
    record_audit(c, by, rec, out.generated_at);
  });
  return out;
}

}  // namespace gatepass::app::privacy
