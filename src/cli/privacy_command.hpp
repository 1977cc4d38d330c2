#pragma once
// `gatepass privacy export|erase --email X` (docs/privacy.md): a person's data from a shell, as
// the admin routes give it, audited as the "system" actor.
#include <iosfwd>
#include <optional>
#include <string>

#include "app/context.hpp"

namespace gatepass::cli {

// The export document (JSON) to `out`.
int privacy_export(app::Context& ctx, const std::string& email, std::ostream& out);
// The counts (JSON) to `out`; --dry-run changes nothing.
int privacy_erase(app::Context& ctx, const std::string& email, const std::optional<std::string>& reason, bool dry_run,
                  std::ostream& out);

}  // namespace gatepass::cli
