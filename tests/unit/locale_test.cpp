// The visitor's language (domain/locale): Accept-Language with q-values, tag matching, the choice
// order of the contract with the web app, and an organiser's text per locale.
#include <gtest/gtest.h>

#include "domain/locale.hpp"

using namespace gatepass;
using namespace gatepass::locale;

namespace {
std::vector<std::string> tags(std::string_view header) {
  std::vector<std::string> out;
  for (const auto& r : parse_accept_language(header)) out.push_back(r.tag + "=" + std::to_string(r.q));
  return out;
}
}  // namespace

TEST(Locale, AcceptLanguageIsOrderedByWeightThenAsSent) {
  EXPECT_EQ(tags("de-AT, de;q=0.9, en;q=0.5"), (std::vector<std::string>{"de-at=1000", "de=900", "en=500"}));
  EXPECT_EQ(tags("en;q=0.5, fr, es;q=0.8"), (std::vector<std::string>{"fr=1000", "es=800", "en=500"}));
  EXPECT_EQ(tags("fr;q=0.7,de;q=0.7"), (std::vector<std::string>{"fr=700", "de=700"})) << "ties keep the order sent";
  EXPECT_EQ(tags("DE-ch ;  Q = 0.25 "), (std::vector<std::string>{"de-ch=250"}));
  EXPECT_EQ(tags("*;q=0.1, es"), (std::vector<std::string>{"es=1000", "*=100"}));
  EXPECT_EQ(tags("q=1.0"), (std::vector<std::string>{}));
  EXPECT_EQ(tags("de;q=1.000"), (std::vector<std::string>{"de=1000"}));
  EXPECT_EQ(tags("de;q=0.123"), (std::vector<std::string>{"de=123"}));
}

TEST(Locale, RefusedAndMalformedRangesAreLeftOut) {
  EXPECT_TRUE(tags("").empty());
  EXPECT_TRUE(tags(" , ,").empty());
  EXPECT_EQ(tags("de;q=0, en"), (std::vector<std::string>{"en=1000"})) << "q=0 means not acceptable";
  for (const char* bad : {"de;q=1.5", "de;q=2", "de;q=0.1234", "de;q=.5", "de;q=", "de;x=1", "de;q=0.5x", "d e", "de_AT",
                          "toolongtag-x", "-de", "de-", "d3"})
    EXPECT_TRUE(tags(bad).empty()) << bad;
  EXPECT_EQ(tags("xx;q=abc, fr;q=0.4"), (std::vector<std::string>{"fr=400"}));
  std::string many;
  for (int i = 0; i < 100; ++i) many += "zz, ";
  EXPECT_EQ(parse_accept_language(many + "de").size(), 32u) << "bounded";
}

TEST(Locale, TagsMatchTheShippedLocaleByPrimarySubtag) {
  EXPECT_EQ(match("de"), "de");
  EXPECT_EQ(match("de-AT"), "de");
  EXPECT_EQ(match("FR-ca"), "fr");
  EXPECT_EQ(match("es-419"), "es");
  EXPECT_EQ(match("en-GB-oxendict"), "en");
  EXPECT_EQ(match("it"), std::nullopt);
  EXPECT_EQ(match("*"), std::nullopt);
  EXPECT_EQ(match(""), std::nullopt);
  EXPECT_EQ(match("deu"), std::nullopt);
  EXPECT_EQ(from_accept_language("it, de-AT;q=0.8, fr;q=0.9"), "fr");
  EXPECT_EQ(from_accept_language("it, pt;q=0.8"), std::nullopt);
  EXPECT_EQ(from_accept_language("*"), std::nullopt) << "any language: the event's default decides";
}

TEST(Locale, ChoiceOrderIsQueryBodyHeaderEventDefaultEnglish) {
  EXPECT_EQ(choose("fr", "de", "es", "en"), "fr");
  EXPECT_EQ(choose(std::nullopt, "de", "es", "en"), "de");
  EXPECT_EQ(choose(std::nullopt, std::nullopt, "es-MX, en;q=0.5", "de"), "es");
  EXPECT_EQ(choose(std::nullopt, std::nullopt, std::nullopt, "de"), "de");
  EXPECT_EQ(choose(std::nullopt, std::nullopt, std::nullopt, "xx"), "en");
  // Unknown values fall through to the next source.
  EXPECT_EQ(choose("it", "pt", "nl, fr;q=0.2", "de"), "fr");
  EXPECT_EQ(choose("it", "pt", "nl", "de"), "de");
}

TEST(Locale, AnOrganisersTextFallsBackToTheDefaultLocalesText) {
  const LocaleTexts names{{"en", "Summer Fest"}, {"de", "Sommerfest"}};
  EXPECT_EQ(text_in(names, "Summer Fest", "de", "en").text, "Sommerfest");
  EXPECT_EQ(text_in(names, "Summer Fest", "de", "en").in, "de");
  EXPECT_EQ(text_in(names, "Summer Fest", "fr", "en").text, "Summer Fest");
  EXPECT_EQ(text_in(names, "Summer Fest", "fr", "en").in, "en");
  EXPECT_EQ(text_in({}, "Gala", "es", "de").in, "de");
  EXPECT_EQ(text_in({{"es", ""}}, "Gala", "es", "de").text, "Gala") << "an empty translation is none";
}

TEST(Locale, DatesReadAsEachLanguageWritesThem) {
  const Millis at = 1'796'407'200'000;  // 2026-12-04T18:00:00Z
  EXPECT_EQ(format_date_time(at, "en"), "4 December 2026, 18:00");
  EXPECT_EQ(format_date_time(at, "de"), "4. Dezember 2026, 18:00 Uhr");
  EXPECT_EQ(format_date_time(at, "fr"), "4 décembre 2026 à 18:00");
  EXPECT_EQ(format_date_time(at, "es", 0, "UTC"), "4 de diciembre de 2026, 18:00 UTC");
  EXPECT_EQ(format_date_time(at, "de", 60), "4. Dezember 2026, 19:00 Uhr") << "shown in the event's offset";
  EXPECT_EQ(format_date_time(at, "fr", 6 * 60), "5 décembre 2026 à 00:00");
  EXPECT_EQ(format_date_time(1'796'083'200'000, "fr"), "1er décembre 2026 à 00:00");
  EXPECT_EQ(format_date_time(at, "it"), "4 December 2026, 18:00");
}
