#include "cli/privacy_command.hpp"

#include <boost/json/serialize.hpp>
#include <ostream>

#include "app/privacy/erase.hpp"
#include "app/privacy/export.hpp"
#include "http/privacy_json.hpp"

namespace gatepass::cli {

int privacy_export(app::Context& ctx, const std::string& email, std::ostream& out) {
  out << boost::json::serialize(http::to_json(app::privacy::export_person(ctx, app::Actor::system(), email))) << "\n";
  return out ? 0 : 1;
}

int privacy_erase(app::Context& ctx, const std::string& email, const std::optional<std::string>& reason, bool dry_run,
                  std::ostream& out) {
  out << boost::json::serialize(http::to_json(app::privacy::erase_person(ctx, app::Actor::system(), email, reason, dry_run)))
      << "\n";
  return out ? 0 : 1;
}

}  // namespace gatepass::cli
