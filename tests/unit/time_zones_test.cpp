// Events' time zones (issue 24): offsets and abbreviations from the system's tz database, DST
// included, and a moment written in them.
#include <gtest/gtest.h>

#include "app/time_zones.hpp"
#include "domain/time.hpp"

using namespace gatepass;
namespace tz = gatepass::app::time_zones;

namespace {
Millis at(const char* iso) { return *parse_iso8601(iso); }
}  // namespace

TEST(TimeZones, BerlinKeepsSummerTime) {
  const auto july = tz::at(at("2026-07-04T16:00:00Z"), "Europe/Berlin");
  ASSERT_TRUE(july);
  EXPECT_EQ(july->offset_minutes, 120);
  EXPECT_EQ(july->abbreviation, "CEST");
  const auto january = tz::at(at("2026-01-15T16:00:00Z"), "Europe/Berlin");
  ASSERT_TRUE(january);
  EXPECT_EQ(january->offset_minutes, 60);
  EXPECT_EQ(january->abbreviation, "CET");
}

TEST(TimeZones, SwitchesAtTheMomentTheClocksChange) {
  // 29 March 2026: Berlin's clocks go from 02:00 CET to 03:00 CEST, at 01:00 UTC.
  EXPECT_EQ(tz::at(at("2026-03-29T00:59:59Z"), "Europe/Berlin")->offset_minutes, 60);
  EXPECT_EQ(tz::at(at("2026-03-29T01:00:00Z"), "Europe/Berlin")->offset_minutes, 120);
  // New York's autumn: 1 November 2026, 02:00 EDT back to 01:00 EST, at 06:00 UTC.
  EXPECT_EQ(tz::at(at("2026-11-01T05:59:00Z"), "America/New_York")->abbreviation, "EDT");
  EXPECT_EQ(tz::at(at("2026-11-01T06:00:00Z"), "America/New_York")->abbreviation, "EST");
}

TEST(TimeZones, NewYorkAndHalfHourZones) {
  const auto summer = tz::at(at("2026-07-04T16:00:00Z"), "America/New_York");
  EXPECT_EQ(summer->offset_minutes, -240);
  EXPECT_EQ(summer->abbreviation, "EDT");
  const auto winter = tz::at(at("2026-12-04T16:00:00Z"), "America/New_York");
  EXPECT_EQ(winter->offset_minutes, -300);
  EXPECT_EQ(winter->abbreviation, "EST");
  const auto kolkata = tz::at(at("2026-07-04T16:00:00Z"), "Asia/Kolkata");
  EXPECT_EQ(kolkata->offset_minutes, 330);
  EXPECT_EQ(kolkata->abbreviation, "IST");
  EXPECT_EQ(tz::at(at("2026-07-04T16:00:00Z"), "Asia/Kathmandu")->offset_minutes, 345);
  EXPECT_EQ(tz::at(at("2026-07-04T16:00:00Z"), "UTC")->offset_minutes, 0);
}

TEST(TimeZones, KnowsOnlyTheDatabasesNames) {
  // Old names browsers still report (Intl.supportedValuesOf, resolvedOptions) are links in the database.
  for (const char* zone : {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "US/Eastern", "Asia/Calcutta", "Europe/Kiev",
                           "America/Buenos_Aires", "Etc/UTC"})
    EXPECT_TRUE(tz::known(zone)) << zone;
  for (const char* zone : {"", "Europe/Atlantis", "europe/berlin", "CEST", "+02:00", "../../etc/passwd",
                           "/usr/share/zoneinfo/UTC", "Europe/Berlin\n"})
    EXPECT_FALSE(tz::known(zone)) << zone;
  EXPECT_FALSE(tz::known(std::string(65, 'A')));
  EXPECT_EQ(tz::at(0, "Europe/Atlantis"), std::nullopt);
}

TEST(TimeZones, WritesTheMomentInTheZoneWithItsAbbreviation) {
  const Millis midsummer = at("2026-06-21T16:00:00Z");
  EXPECT_EQ(tz::format(midsummer, "de", "Europe/Berlin"), "21. Juni 2026, 18:00 Uhr CEST");
  EXPECT_EQ(tz::format(midsummer, "en", "America/New_York"), "21 June 2026, 12:00 EDT");
  EXPECT_EQ(tz::format(midsummer, "fr", "Asia/Kolkata"), "21 juin 2026 à 21:30 IST");
  EXPECT_EQ(tz::format(at("2026-12-31T23:30:00Z"), "es", "Europe/Madrid"), "1 de enero de 2027, 00:30 CET");
  EXPECT_EQ(tz::format(midsummer, "en", "Europe/Atlantis"), "21 June 2026, 16:00 UTC") << "unknown: UTC, said so";
}
