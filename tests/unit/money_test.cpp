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

// The same text the web app's Intl.NumberFormat(locale, {style: "currency"}) shows (Node 20, ICU 7x).
TEST(Money, FormatsAmountsAsEachLanguageWritesThem) {
  const std::string nb = "\u00a0", nnb = "\u202f";
  EXPECT_EQ(money::format_amount(1250, "EUR", "en"), "€12.50");
  EXPECT_EQ(money::format_amount(1250, "EUR", "de"), "12,50" + nb + "€");
  EXPECT_EQ(money::format_amount(1250, "EUR", "fr"), "12,50" + nb + "€");
  EXPECT_EQ(money::format_amount(1250, "EUR", "es"), "12,50" + nb + "€");
  EXPECT_EQ(money::format_amount(123456750, "EUR", "en"), "€1,234,567.50");
  EXPECT_EQ(money::format_amount(123456750, "EUR", "de"), "1.234.567,50" + nb + "€");
  EXPECT_EQ(money::format_amount(123456750, "EUR", "fr"), "1" + nnb + "234" + nnb + "567,50" + nb + "€");
  EXPECT_EQ(money::format_amount(123450, "EUR", "es"), "1234,50" + nb + "€") << "Spanish groups from five digits";
  EXPECT_EQ(money::format_amount(1234550, "EUR", "es"), "12.345,50" + nb + "€");
  EXPECT_EQ(money::format_amount(123450, "EUR", "de"), "1.234,50" + nb + "€");
  EXPECT_EQ(money::format_amount(5, "EUR", "de"), "0,05" + nb + "€");
  EXPECT_EQ(money::format_amount(100000, "EUR", "en"), "€1,000.00");
}

TEST(Money, WritesOtherCurrenciesBySymbolOrCode) {
  const std::string nb = "\u00a0";
  EXPECT_EQ(money::format_amount(1250, "USD", "en"), "$12.50");
  EXPECT_EQ(money::format_amount(1250, "USD", "de"), "12,50" + nb + "$");
  EXPECT_EQ(money::format_amount(1250, "USD", "fr"), "12,50" + nb + "$US");
  EXPECT_EQ(money::format_amount(1250, "USD", "es"), "12,50" + nb + "US$");
  EXPECT_EQ(money::format_amount(1250, "GBP", "en"), "£12.50");
  EXPECT_EQ(money::format_amount(1250, "GBP", "fr"), "12,50" + nb + "£GB");
  EXPECT_EQ(money::format_amount(1250, "GBP", "es"), "12,50" + nb + "GBP");
  EXPECT_EQ(money::format_amount(123450, "CHF", "en"), "CHF" + nb + "1,234.50");
  EXPECT_EQ(money::format_amount(1250, "CHF", "de"), "12,50" + nb + "CHF");
  EXPECT_EQ(money::format_amount(1250, "EUR", "it"), "€12.50") << "unshipped: English";
  EXPECT_EQ(money::format_amount(-1250, "EUR", "en"), "-€12.50");
}
