#include <gtest/gtest.h>

#include "domain/time.hpp"
#include "domain/validation.hpp"

using namespace gatepass;
using namespace gatepass::validation;

TEST(Validation, Emails) {
  for (const char* ok : {"a@b.co", "alice.smith+tag@example.com", "x_y@sub.domain.org", "ü@exämple.de"})
    EXPECT_FALSE(check_email(ok)) << ok;
  for (const char* bad : {"", "a", "a@", "@b.co", "a@b", "a@@b.co", "a b@c.de", "a@b..co", ".a@b.co", "a@-.co ",
                          "a@b.co\n", "'; DROP TABLE users;--@x"})
    EXPECT_TRUE(check_email(bad)) << bad;
  EXPECT_TRUE(check_email(std::string(250, 'a') + "@b.co"));
}

TEST(Validation, TextLengthsCountCharactersNotBytes) {
  EXPECT_FALSE(check_text(std::string(200, 'x'), 200, true));
  EXPECT_TRUE(check_text(std::string(201, 'x'), 200, true));
  std::string emoji;
  for (int i = 0; i < 200; ++i) emoji += "\xF0\x9F\x8E\x9F";  // 🎟 x200 = 800 bytes, 200 chars
  EXPECT_FALSE(check_text(emoji, 200, true));
  EXPECT_TRUE(check_text("   ", 200, true));
  EXPECT_TRUE(check_text("bad\x01", 200, true));
  EXPECT_TRUE(check_text("\xC0\xAF", 200, true));  // overlong '/'
  EXPECT_TRUE(check_text("\xED\xA0\x80", 200, true));  // surrogate
  EXPECT_TRUE(check_text("\xFF", 200, true));
}

TEST(Validation, AmountsAreDecimalsNotFloats) {
  for (const char* ok : {"0", "12", "12.5", "12.50", "9999999999.99"}) EXPECT_FALSE(check_amount(ok)) << ok;
  for (const char* bad : {"", "-1", "1.234", "1e5", "12.", ".5", "abc", "99999999999", "NaN"})
    EXPECT_TRUE(check_amount(bad)) << bad;
}

TEST(Validation, SlugsPrefixesUsernames) {
  EXPECT_EQ(slugify("HackFest 2026!"), "hackfest-2026");
  EXPECT_EQ(slugify("  --  "), "");
  EXPECT_FALSE(check_slug("hackfest-2026"));
  EXPECT_TRUE(check_slug("Hack"));
  EXPECT_FALSE(check_serial_prefix("EVT2026"));
  EXPECT_TRUE(check_serial_prefix("evt-2026"));
  EXPECT_FALSE(check_username("gate_1"));
  EXPECT_TRUE(check_username("a"));
  EXPECT_TRUE(check_username("white space"));
}

TEST(Time, ParsesZonesAndFormatsUtc) {
  EXPECT_EQ(parse_iso8601("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso8601("2026-05-01T20:00:00+02:00"), parse_iso8601("2026-05-01T18:00:00Z"));
  EXPECT_EQ(parse_iso8601("2026-05-01T18:00:00.250Z"), *parse_iso8601("2026-05-01T18:00:00Z") + 250);
  EXPECT_EQ(format_iso8601(*parse_iso8601("2026-05-01T18:00:00.250Z")), "2026-05-01T18:00:00.250Z");
  for (const char* bad : {"", "2026-05-01", "2026-05-01T18:00:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00Z",
                          "2026-05-01T25:00:00Z", "2026-05-01T18:00:00Zjunk", "yesterday"})
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
  EXPECT_EQ(year_of(*parse_iso8601("2026-12-31T23:59:59Z")), 2026);
}

#include "store/db.hpp"

TEST(DatabaseUrl, SeedStyleDriverSuffixesAreAccepted) {
  using gatepass::store::normalise_database_url;
  EXPECT_EQ(normalise_database_url("sqlite+aiosqlite:///./dev.db"), "sqlite:///./dev.db");
  EXPECT_EQ(normalise_database_url("postgresql+psycopg2://u:p+q@h/db"), "postgresql://u:p+q@h/db");
  EXPECT_EQ(normalise_database_url("postgresql://u:p+q@h/db"), "postgresql://u:p+q@h/db") << "a + in the password stays";
  EXPECT_EQ(normalise_database_url("sqlite:///data/gatepass.db"), "sqlite:///data/gatepass.db");
}
