#pragma once
// Events' time zones (issue 24, docs/languages.md): IANA names ("Europe/Berlin") looked up in the
// operating system's tz database (/usr/share/zoneinfo, Debian's tzdata) through Howard Hinnant's
// date/tz library. Kept out of src/domain because it reads files; domain/locale.hpp formats a
// moment once it has the offset and the abbreviation given here.
#include <optional>
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace gatepass::app::time_zones {

// A zone the tz database knows (links such as "US/Eastern" included). Names are at most 64
// bytes; anything else is not one.
bool known(std::string_view zone);

// Wall-clock offset from UTC and abbreviation ("CEST", "+0530" where the database has no letters)
// in `zone` at the instant `utc`; nullopt for an unknown zone.
struct Local {
  int offset_minutes = 0;
  std::string abbreviation;
};
std::optional<Local> at(Millis utc, std::string_view zone);

// `utc` as people of `lang` write it in `zone`, followed by the zone's abbreviation:
// "21. Juni 2026, 18:00 Uhr CEST". A zone the database does not know (it was valid when stored,
// but the system's tzdata changed since) is shown in UTC and says so.
std::string format(Millis utc, std::string_view lang, std::string_view zone);

}  // namespace gatepass::app::time_zones
