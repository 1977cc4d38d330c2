#include "domain/validation.hpp"

#include <algorithm>
#include <cctype>

namespace gatepass::validation {

std::optional<std::size_t> utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    // Reject overlong forms and surrogates, which some decoders would turn into other text.
    if (len == 2 && c < 0xC2) return std::nullopt;
    if (len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return std::nullopt;
    }
    if (len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || c > 0xF4 || (c == 0xF4 && c1 >= 0x90)) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

bool is_valid_utf8(std::string_view s) { return utf8_length(s).has_value(); }

std::string escape_bytes(std::string_view s, std::size_t max_bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  const auto shown = s.substr(0, max_bytes);
  for (char ch : shown) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') out += "\\\\";
    else if (c >= 0x20 && c < 0x7F) out += ch;
    else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  if (shown.size() < s.size()) out += "\u2026";
  return out;
}

std::string_view truncate_utf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t end = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::string clean_file_name(std::string_view client_name, std::string_view extension) {
  // Only the last path component: "C:\\fakepath\\x.png" and "../../x.png" are both "x.png".
  if (const auto slash = client_name.find_last_of("/\\"); slash != std::string_view::npos)
    client_name.remove_prefix(slash + 1);
  // Keep valid UTF-8 characters that are not control characters; drop everything else.
  std::string kept;
  for (std::size_t i = 0; i < client_name.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(client_name[i]);
    if (c >= 0xC0) len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    const auto ch = client_name.substr(i, std::min(len, client_name.size() - i));
    if (ch.size() == len && is_valid_utf8(ch) && !(len == 1 && (c < 0x20 || c == 0x7F)) &&
        !(len == 2 && static_cast<unsigned char>(ch[0]) == 0xC2 && static_cast<unsigned char>(ch[1]) < 0xA0))
      kept += ch;  // (the last test drops the C1 controls U+0080..U+009F)
    i += ch.size() == len && is_valid_utf8(ch) ? len : 1;
  }
  std::string stem = trim(kept);
  if (const auto dot = stem.rfind('.'); dot != std::string::npos) stem.resize(dot);  // the client's extension
  while (!stem.empty() && stem.front() == '.') stem.erase(0, 1);  // no hidden files
  if (stem.empty()) stem = "attachment";
  const std::string suffix = "." + std::string(extension);
  const auto room = kMaxFileNameBytes > suffix.size() ? kMaxFileNameBytes - suffix.size() : 0;
  return std::string(truncate_utf8(stem, room)) + suffix;
}

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

static bool has_control_chars(std::string_view s, bool allow_newlines) {
  return std::any_of(s.begin(), s.end(), [&](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) return false;
    return c < 0x20 || c == 0x7F;
  });
}

std::optional<std::string> check_device_id(std::string_view s) {
  const bool visible_ascii = std::all_of(s.begin(), s.end(), [](char ch) { return ch > 0x20 && ch < 0x7F; });
  if (s.empty() || s.size() > 64 || !visible_ascii) return "must be 1 to 64 visible ASCII characters";
  return std::nullopt;
}

std::optional<std::string> check_text(std::string_view s, std::size_t max_chars, bool required) {
  const auto len = utf8_length(s);
  if (!len) return "must be valid UTF-8 text";
  if (required && trim(s).empty()) return "is required";
  if (*len > max_chars) return "must be at most " + std::to_string(max_chars) + " characters";
  if (has_control_chars(s, true)) return "must not contain control characters";
  return std::nullopt;
}

std::optional<std::string> check_email(std::string_view s) {
  if (s.empty()) return "is required";
  if (s.size() > 254) return "must be at most 254 characters";
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return "must be an email address like name@example.com";
  const auto local = s.substr(0, at), domain = s.substr(at + 1);
  if (local.size() > 64) return "must be an email address like name@example.com";
  auto local_ok = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  if (!std::all_of(local.begin(), local.end(), local_ok) || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return "must be an email address like name@example.com";
  // Domain: dot-separated labels of letters/digits/hyphens (or UTF-8 for IDNs), at least one dot.
  if (domain.empty() || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.find("..") != std::string_view::npos)
    return "must be an email address like name@example.com";
  for (char c : domain)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80))
      return "must be an email address like name@example.com";
  if (!utf8_length(s)) return "must be valid UTF-8 text";
  return std::nullopt;
}

std::optional<std::string> check_phone(std::string_view s) {
  if (s.size() > 32) return "must be at most 32 characters";
  int digits = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (std::string_view(" +-().").find(c) == std::string_view::npos)
      return "may contain only digits, spaces and + - ( ) .";
  }
  if (digits < 5) return "must contain at least 5 digits";
  return std::nullopt;
}

std::optional<std::string> check_amount(std::string_view s) {
  const auto dot = s.find('.');
  const auto integer = s.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
  auto all_digits = [](std::string_view p) {
    return std::all_of(p.begin(), p.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  if (integer.empty() || integer.size() > 10 || !all_digits(integer) || !all_digits(fraction) ||
      (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)))
    return "must be a non-negative amount with at most 2 decimals, like 12.50";
  return std::nullopt;
}

std::optional<std::string> check_username(std::string_view s) {
  if (s.size() < 3 || s.size() > 64) return "must be 3 to 64 characters";
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      return "may contain only letters, digits, '_', '-' and '.'";
  return std::nullopt;
}

std::optional<std::string> check_password(std::string_view s) {
  if (s.size() < 10) return "must be at least 10 characters";
  if (s.size() > 256) return "must be at most 256 characters";
  if (!utf8_length(s)) return "must be valid UTF-8 text";
  return std::nullopt;
}

std::optional<std::string> check_slug(std::string_view s) {
  if (s.empty() || s.size() > 64) return "must be 1 to 64 characters";
  for (char c : s)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
      return "may contain only lowercase letters, digits and '-'";
  return std::nullopt;
}

std::optional<std::string> check_serial_prefix(std::string_view s) {
  if (s.empty() || s.size() > 16) return "must be 1 to 16 characters";
  for (char c : s)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c))))
      return "may contain only uppercase letters and digits";
  return std::nullopt;
}

std::string slugify(std::string_view name) {
  std::string out;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

}  // namespace gatepass::validation
