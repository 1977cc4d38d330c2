#include "app/time_zones.hpp"

#include <chrono>
#include <date/tz.h>
#include <stdexcept>

#include "domain/locale.hpp"

namespace gatepass::app::time_zones {

namespace {
const date::time_zone* find(std::string_view zone) {
  if (zone.empty() || zone.size() > 64) return nullptr;
  try {
    return date::locate_zone(zone);  // the database's list, read once: a name is never a path
  } catch (const std::runtime_error&) {
    return nullptr;  // not a zone (locate_zone's only answer for that is an exception)
  }
}
}  // namespace

bool known(std::string_view zone) { return find(zone) != nullptr; }

std::optional<Local> at(Millis utc, std::string_view zone) {
  const auto* tz = find(zone);
  if (!tz) return std::nullopt;
  using namespace std::chrono;
  const auto info = tz->get_info(date::sys_seconds{floor<seconds>(milliseconds{utc})});
  return Local{static_cast<int>(duration_cast<minutes>(info.offset).count()), info.abbrev};
}

std::string format(Millis utc, std::string_view lang, std::string_view zone) {
  if (const auto local = at(utc, zone)) return locale::format_date_time(utc, lang, local->offset_minutes, local->abbreviation);
  return locale::format_date_time(utc, lang, 0, "UTC");
}

}  // namespace gatepass::app::time_zones
