#include "domain/locale.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace gatepass::locale {

namespace {
bool alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths; nullopt: malformed.
std::optional<int> parse_q(std::string_view v) {
  if (v.empty() || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  int whole = v[0] - '0';
  if (v.size() == 1) return whole * 1000;
  if (v[1] != '.' || v.size() > 5) return std::nullopt;
  int frac = 0, scale = 100;
  for (char c : v.substr(2)) {
    if (!digit(c)) return std::nullopt;
    frac += (c - '0') * scale;
    scale /= 10;
  }
  if (whole == 1 && frac != 0) return std::nullopt;
  return whole * 1000 + frac;
}
}  // namespace

bool is_shipped(std::string_view locale) {
  return std::find(kShipped.begin(), kShipped.end(), locale) != kShipped.end();
}

bool well_formed(std::string_view tag) {
  if (tag.empty() || tag.size() > 35) return false;
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    const auto end = std::min(tag.find('-', start), tag.size());
    const auto part = tag.substr(start, end - start);
    if (part.empty() || part.size() > 8) return false;
    for (char c : part)
      if (!(alpha(c) || (!first && digit(c)))) return false;
    if (end == tag.size()) return true;
    start = end + 1;
  }
}

std::optional<std::string> match(std::string_view tag) {
  if (!well_formed(tag)) return std::nullopt;
  std::string primary;
  for (char c : tag.substr(0, tag.find('-'))) primary += lower(c);
  if (!is_shipped(primary)) return std::nullopt;
  return primary;
}

std::vector<Range> parse_accept_language(std::string_view header) {
  constexpr std::size_t kMaxRanges = 32;
  std::vector<Range> out;
  std::size_t start = 0;
  while (start <= header.size() && out.size() < kMaxRanges) {
    const auto end = std::min(header.find(',', start), header.size());
    auto entry = trim(header.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    const auto semi = entry.find(';');
    const auto tag = trim(entry.substr(0, semi));
    int q = 1000;
    bool ok = tag == "*" || well_formed(tag);
    // Parameters: only q is defined; anything else makes the entry malformed.
    for (auto params = semi == std::string_view::npos ? std::string_view() : entry.substr(semi + 1); ok && !params.empty();) {
      const auto next = params.find(';');
      const auto param = trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() < 2 || lower(param[0]) != 'q' || trim(param.substr(1)).empty() || trim(param.substr(1))[0] != '=') {
        ok = false;
        break;
      }
      const auto value = parse_q(trim(trim(param.substr(1)).substr(1)));
      if (!value) ok = false;
      else q = *value;
    }
    if (!ok || q == 0) continue;
    Range r;
    for (char c : tag) r.tag += lower(c);
    r.q = q;
    out.push_back(std::move(r));
    if (end == header.size()) break;
  }
  std::stable_sort(out.begin(), out.end(), [](const Range& a, const Range& b) { return a.q > b.q; });
  return out;
}

std::optional<std::string> from_accept_language(std::string_view header) {
  for (const auto& r : parse_accept_language(header))
    if (auto m = match(r.tag)) return m;
  return std::nullopt;
}

std::string choose(const std::optional<std::string>& query, const std::optional<std::string>& body,
                   const std::optional<std::string>& accept_language, std::string_view event_default) {
  if (query)
    if (auto m = match(*query)) return *m;
  if (body)
    if (auto m = match(*body)) return *m;
  if (accept_language)
    if (auto m = from_accept_language(*accept_language)) return *m;
  if (is_shipped(event_default)) return std::string(event_default);
  return std::string(kFallback);
}

Resolved text_in(const LocaleTexts& texts, const std::string& fallback, std::string_view locale,
                 std::string_view default_locale) {
  if (const auto it = texts.find(std::string(locale)); it != texts.end() && !it->second.empty()) return {it->second, it->first};
  return {fallback, std::string(default_locale)};
}

std::string format_date_time(Millis utc, std::string_view locale, int offset_minutes, std::string_view zone) {
  using namespace std::chrono;
  static constexpr std::array<std::array<std::string_view, 12>, 4> kMonths{{
      {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
      {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
      {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
      {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}}};
  const sys_time<milliseconds> at{milliseconds{utc + static_cast<Millis>(offset_minutes) * 60'000}};
  const auto day_start = floor<days>(at);
  const year_month_day ymd{day_start};
  const hh_mm_ss hms{floor<minutes>(at - day_start)};
  const auto which = static_cast<std::size_t>(std::find(kShipped.begin(), kShipped.end(), locale) - kShipped.begin());
  const auto& months = kMonths[which < kShipped.size() ? which : 0];
  const auto month = months[static_cast<unsigned>(ymd.month()) - 1];
  const auto d = static_cast<unsigned>(ymd.day());
  const auto y = static_cast<int>(ymd.year());
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()));
  std::string out;
  const std::string day = std::to_string(d), year = std::to_string(y);
  if (locale == "de") out = day + ". " + std::string(month) + " " + year + ", " + time + " Uhr";
  else if (locale == "fr") out = (d == 1 ? "1er" : day) + " " + std::string(month) + " " + year + " à " + time;
  else if (locale == "es") out = day + " de " + std::string(month) + " de " + year + ", " + time;
  else out = day + " " + std::string(month) + " " + year + ", " + time;
  if (!zone.empty()) out += " " + std::string(zone);
  return out;
}

}  // namespace gatepass::locale
