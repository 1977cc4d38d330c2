// Money is whole cents from decimal text: never a double, never silently rounded.
#include <gtest/gtest.h>

#include "domain/money.hpp"

using namespace gatepass;

TEST(Money, ParsesDecimalTextToCents) {
  EXPECT_EQ(money::parse_cents("25"), 2500);
  EXPECT_EQ(money::parse_cents("25.5"), 2550);
  EXPECT_EQ(money::parse_cents("0.05"), 5);
  EXPECT_EQ(money::parse_cents("9999999999.99"), 999999999999);
  for (const char* bad : {"", ".5", "5.", "1.234", "-1", "1e3", "12a", " 1", "1,00", "10000000000"})
    EXPECT_EQ(money::parse_cents(bad), std::nullopt) << bad;
}

TEST(Money, WritesCanonicalText) {
  EXPECT_EQ(money::format_cents(2500), "25.00");
  EXPECT_EQ(money::format_cents(5), "0.05");
  EXPECT_EQ(money::format_cents(-150), "-1.50");
  EXPECT_EQ(money::canonical("7.5"), "7.50");
  EXPECT_EQ(money::canonical("x"), std::nullopt);
  EXPECT_EQ(money::format_cents(*money::parse_cents("49.90") * 3), "149.70");
}
