#pragma once
// The visitor's language (issue 24, docs/languages.md): which of the shipped locales a request
// speaks, and an organiser's text in it. Pure: no HTTP, no storage.
//
// Choice order (the contract with the web app): explicit ?locale= > body `locale` >
// Accept-Language > the event's default_locale > "en". A tag matches by its primary subtag
// ("de-AT" -> "de"); a tag nobody ships falls through to the next source.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace gatepass::locale {

inline constexpr std::string_view kFallback = "en";
inline constexpr std::array<std::string_view, 4> kShipped = {"en", "de", "fr", "es"};

bool is_shipped(std::string_view locale);  // exactly one of kShipped
// A well-formed language tag (BCP 47 shape: 1-8 letters, then -subtags of 1-8 letters or digits),
// at most 35 bytes. Says nothing about whether it is shipped.
bool well_formed(std::string_view tag);
// The shipped locale a tag asks for: its primary subtag, ASCII case folded ("de-AT" -> "de");
// nullopt for a malformed or unshipped tag.
std::optional<std::string> match(std::string_view tag);

// One language range of an Accept-Language header with its weight in thousandths (q=0.8 -> 800).
struct Range {
  std::string tag;  // as sent ("*" included), lower-cased
  int q = 1000;
};
// RFC 9110 §12.5.4: "de-AT, de;q=0.9, en;q=0.5". Ranges by falling weight, ties in the order
// sent; q=0 ranges (refused) and malformed entries are left out; at most 32 ranges are read.
std::vector<Range> parse_accept_language(std::string_view header);
// The first range of the header a shipped locale matches; nullopt: none ("*" matches none, so
// the event's default decides).
std::optional<std::string> from_accept_language(std::string_view header);

// The choice order above. Each argument is what the request carried (nullopt: absent).
std::string choose(const std::optional<std::string>& query, const std::optional<std::string>& body,
                   const std::optional<std::string>& accept_language, std::string_view event_default);

// An organiser's text in `locale`: its translation when given, else `fallback` (the text in the
// event's default locale). `in` says which locale the answer is in.
struct Resolved {
  std::string text;
  std::string in;
};
Resolved text_in(const LocaleTexts& texts, const std::string& fallback, std::string_view locale,
                 std::string_view default_locale);

// A moment as people of `locale` write it, e.g. de "4. Dezember 2026, 18:00 Uhr", fr "4 décembre
// 2026 à 18:00", es "4 de diciembre de 2026, 18:00", en "4 December 2026, 18:00", shown
// `offset_minutes` from UTC and followed by `zone` when given (" UTC"). Unshipped locales: English.
std::string format_date_time(Millis utc, std::string_view locale, int offset_minutes = 0, std::string_view zone = "");

}  // namespace gatepass::locale
