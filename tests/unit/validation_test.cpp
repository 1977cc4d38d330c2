#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

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

// format_iso8601 writes its digits by hand; printf's form is the reference, over the instants a
// ticket can carry (and before 1970, leap days, the last millisecond of 9999) and beyond them.
static std::string printf_iso8601(Millis ms) {
  using namespace std::chrono;
  const sys_time<milliseconds> tp{milliseconds{ms}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const hh_mm_ss hms{tp - day};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long>(hms.seconds().count()), static_cast<long>(hms.subseconds().count()));
  return buf;
}

TEST(Time, FormatsEveryInstantAsPrintfWould) {
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(*parse_iso8601("2028-02-29T23:59:59.999Z")), "2028-02-29T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(*parse_iso8601("9999-12-31T23:59:59.999Z")), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(*parse_iso8601("0001-01-01T00:00:00.000Z")), "0001-01-01T00:00:00.000Z");
  for (const Millis edge : {Millis{-62167219200000} - 1, Millis{253402300800000}, Millis{-100000000000000},
                            Millis{300000000000000}})
    EXPECT_EQ(format_iso8601(edge), printf_iso8601(edge)) << edge;  // outside 0000..9999
  std::uint64_t x = 88172645463325252ull;  // xorshift: a fixed spread of instants, 1900..2200
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    const Millis ms = static_cast<Millis>(x % 9467280000000ull) - 2208988800000;
    ASSERT_EQ(format_iso8601(ms), printf_iso8601(ms)) << ms;
  }
}

#include "store/db.hpp"

TEST(DatabaseUrl, SeedStyleDriverSuffixesAreAccepted) {
  using gatepass::store::normalise_database_url;
  EXPECT_EQ(normalise_database_url("sqlite+aiosqlite:///./dev.db"), "sqlite:///./dev.db");
  EXPECT_EQ(normalise_database_url("postgresql+psycopg2://u:p+q@h/db"), "postgresql://u:p+q@h/db");
  EXPECT_EQ(normalise_database_url("postgresql://u:p+q@h/db"), "postgresql://u:p+q@h/db") << "a + in the password stays";
  EXPECT_EQ(normalise_database_url("sqlite:///data/gatepass.db"), "sqlite:///data/gatepass.db");
}

TEST(Validation, Utf8AtTheEdge) {
  EXPECT_TRUE(is_valid_utf8("Zoë – 東京 🎫"));
  for (std::string bad : {std::string("\xFF"), std::string("\xC3"), std::string("a\xE2\x82"), std::string("\xED\xA0\x80"),
                          std::string("\xC0\xAF"), std::string("\xF4\x90\x80\x80")})
    EXPECT_FALSE(is_valid_utf8(bad)) << escape_bytes(bad, 16);
  // A 64-byte cut inside a multi-byte character is invalid; truncate_utf8 never makes one.
  const std::string text = std::string(63, 'a') + "é";
  EXPECT_FALSE(is_valid_utf8(text.substr(0, 64)));
  EXPECT_EQ(truncate_utf8(text, 64), std::string(63, 'a'));
  EXPECT_TRUE(is_valid_utf8(truncate_utf8("東京東京", 7)));
  EXPECT_EQ(truncate_utf8("東京東京", 7), "東京");
}

TEST(Validation, EscapeBytesIsPrintableAndBounded) {
  EXPECT_EQ(escape_bytes("GP1:AB\xFF\xFE\\", 64), "GP1:AB\\xFF\\xFE\\\\");
  EXPECT_EQ(escape_bytes(std::string("a\0b\n", 4), 64), "a\\x00b\\x0A");
  EXPECT_EQ(escape_bytes(std::string(100, 'x'), 10), std::string(10, 'x') + "\u2026");
  EXPECT_TRUE(is_valid_utf8(escape_bytes("\xC3\x28\xA0\xA1", 64)));
}

TEST(Validation, ClientFileNamesAreCleanedAndBounded) {
  EXPECT_EQ(clean_file_name("receipt.png", "png"), "receipt.png");
  EXPECT_EQ(clean_file_name("C:\\fakepath\\Überweisung März.JPG", "jpg"), "Überweisung März.jpg");
  EXPECT_EQ(clean_file_name("../../etc/passwd", "pdf"), "passwd.pdf");
  EXPECT_EQ(clean_file_name("evil.exe", "png"), "evil.png") << "the extension is the sniffed type's";
  EXPECT_EQ(clean_file_name("a\x01\x1b[31mb\x7f\xFF\xC2\x85.png", "png"), "a[31mb.png") << "controls and bad bytes dropped";
  EXPECT_EQ(clean_file_name("", "pdf"), "attachment.pdf");
  EXPECT_EQ(clean_file_name(".htaccess", "pdf"), "attachment.pdf");
  EXPECT_EQ(clean_file_name("\xFF.png", "png"), "attachment.png");
  EXPECT_EQ(clean_file_name("..bank.statement.pdf", "pdf"), "bank.statement.pdf");
  const auto huge = clean_file_name(std::string(7'000'000, 'n') + ".png", "png");
  EXPECT_EQ(huge.size(), kMaxFileNameBytes);
  EXPECT_TRUE(huge.ends_with(".png"));
  const auto wide = clean_file_name(std::string(300, 'x') + "東京東京東京.png", "png");
  EXPECT_LE(wide.size(), kMaxFileNameBytes);
  EXPECT_TRUE(is_valid_utf8(wide));
}

#include "http/json_io.hpp"

TEST(JsonReader, HugeAndFractionalNumbersAreNotIntegers) {
  gatepass::http::Request req;
  req.body = R"({"a": 1e400, "b": -1e400, "c": 1.5, "d": 9.3e18, "e": 42.0, "f": 7})";
  const auto obj = gatepass::http::parse_json_object(req);
  gatepass::http::FieldReader f(obj);
  EXPECT_FALSE(f.integer("a"));
  EXPECT_FALSE(f.integer("b"));
  EXPECT_FALSE(f.integer("c"));
  EXPECT_FALSE(f.integer("d"));
  EXPECT_EQ(f.integer("e"), 42);
  EXPECT_EQ(f.integer("f"), 7);
  EXPECT_THROW(f.finish(), gatepass::Error);
}

TEST(JsonReader, NonFiniteAmountsAreNotNumbers) {
  gatepass::http::Request req;
  req.body = R"({"a": 1e400, "b": 0e400, "c": 12.5, "d": "7.25"})";
  const auto obj = gatepass::http::parse_json_object(req);
  gatepass::http::FieldReader f(obj);
  EXPECT_FALSE(f.decimal("a")) << "infinity is not an amount";
  EXPECT_FALSE(f.decimal("b")) << "NaN is not an amount";
  EXPECT_EQ(f.decimal("c"), "12.5");
  EXPECT_EQ(f.decimal("d"), "7.25");
  try {
    f.finish();
    ADD_FAILURE() << "expected field errors";
  } catch (const gatepass::Error& e) {
    EXPECT_EQ(e.fields().at("a"), "must be a number like 12.50");
    EXPECT_EQ(e.fields().at("b"), "must be a number like 12.50");
  }
}
