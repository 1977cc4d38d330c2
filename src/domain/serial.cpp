#include "domain/serial.hpp"

#include <algorithm>
#include <cctype>

namespace gatepass {

std::optional<std::string> normalise_serial(std::string_view code) {
  if (code.empty() || code.size() > 40) return std::nullopt;
  std::string out;
  for (char ch : code) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) out += static_cast<char>(std::toupper(c));
    else if (ch == '-') out += ch;
    else if (ch == ' ') continue;  // people type "EVT2026 - 000123"
    else return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

namespace {
constexpr std::size_t kMaxTyped = 64;
constexpr std::size_t kMaxDigits = 15;  // fits a long long with room to spare

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= kMaxDigits &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

long long number_of(std::string_view digits) {
  long long n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}
}  // namespace

static std::optional<std::string> read_typed(std::string_view typed, std::string_view gate_prefix);

std::optional<std::string> normalise_typed_serial(std::string_view typed, std::string_view gate_prefix) {
  // Padding can lengthen what was typed: an answer over the limit would not read back as itself.
  auto out = read_typed(typed, gate_prefix);
  if (out && out->size() > kMaxTyped) return std::nullopt;
  return out;
}

bool names_only_own_serial(std::string_view typed, std::string_view gate_prefix) {
  std::string s;
  for (char ch : typed) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) s += static_cast<char>(std::toupper(c));
    else if (ch != ' ' && ch != '-' && ch != '\t') return false;
  }
  if (s.empty() || s.size() > kMaxTyped) return false;
  if (all_digits(s)) return true;
  return !gate_prefix.empty() && s.size() > gate_prefix.size() && s.starts_with(gate_prefix) &&
         all_digits(std::string_view(s).substr(gate_prefix.size()));
}

static std::optional<std::string> read_typed(std::string_view typed, std::string_view gate_prefix) {
  if (typed.size() > kMaxTyped) return std::nullopt;
  // Upper case; every run of spaces and dashes becomes one dash (a space is where people put the dash).
  std::string s;
  for (char ch : typed) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) s += static_cast<char>(std::toupper(c));
    else if (ch == ' ' || ch == '-' || ch == '\t') {
      if (!s.empty() && s.back() != '-') s += '-';
    } else {
      return std::nullopt;
    }
  }
  if (!s.empty() && s.back() == '-') s.pop_back();
  if (s.empty()) return std::nullopt;
  // The gate's own serials: the number alone, or the prefix with or without the dash.
  if (!gate_prefix.empty()) {
    if (all_digits(s)) return format_serial(gate_prefix, number_of(s));
    std::string_view rest(s);
    if (rest.starts_with(gate_prefix)) {
      rest.remove_prefix(gate_prefix.size());
      if (rest.starts_with('-')) rest.remove_prefix(1);
      if (all_digits(rest)) return format_serial(gate_prefix, number_of(rest));
    }
  }
  // Any other PREFIX-number: padded as the server writes serials, the prefix kept as typed.
  if (const auto dash = s.rfind('-'); dash != std::string::npos && dash > 0) {
    const std::string_view head(s.data(), dash), tail(s.data() + dash + 1, s.size() - dash - 1);
    if (all_digits(tail) && head.find('-') == std::string_view::npos) return format_serial(head, number_of(tail));
  }
  return s;
}

}  // namespace gatepass
