#include "domain/mail_format.hpp"

#include <sodium.h>

namespace gatepass::mail {

namespace {
bool plain_ascii(std::string_view s) {
  for (unsigned char ch : s)
    if (ch < 0x20 || ch > 0x7E) return false;
  return true;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}
}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string render(std::string_view tpl, const Vars& vars, Escape escape) {
  auto value = [&](std::string_view name) -> std::string {
    auto it = vars.find(std::string(name));
    return it == vars.end() ? std::string() : it->second;
  };
  std::string out;
  std::size_t pos = 0;
  while (pos < tpl.size()) {
    const auto open = tpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    const auto close = tpl.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(tpl.substr(pos, open - pos));
    const auto tag = tpl.substr(open + 2, close - open - 2);
    pos = close + 2;
    if (!tag.empty() && tag[0] == '#') {
      // A section: rendered (recursively) only when its variable is set.
      const std::string end_tag = "{{/" + std::string(tag.substr(1)) + "}}";
      const auto end = tpl.find(end_tag, pos);
      const auto inner = tpl.substr(pos, end == std::string_view::npos ? tpl.size() - pos : end - pos);
      if (!value(tag.substr(1)).empty()) out += render(inner, vars, escape);
      pos = end == std::string_view::npos ? tpl.size() : end + end_tag.size();
    } else {
      const auto v = value(tag);
      out += escape == Escape::html ? html_escape(v) : v;
    }
  }
  out.append(tpl.substr(std::min(pos, tpl.size())));
  return out;
}

std::string encode_header(std::string_view value) {
  if (plain_ascii(value)) return std::string(value);
  // 45 bytes of UTF-8 become 60 base64 characters: with "=?UTF-8?B?" and "?=" under 75.
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t n = std::min<std::size_t>(45, value.size() - pos);
    while (pos + n < value.size() && n > 0 && (static_cast<unsigned char>(value[pos + n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min<std::size_t>(45, value.size() - pos);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(value.substr(pos, n)) + "?=";
    pos += n;
  }
  return out;
}

std::string format_address(std::string_view name, std::string_view email) {
  if (name.empty()) return "<" + std::string(email) + ">";
  std::string shown;
  if (plain_ascii(name)) {
    shown = "\"";
    for (char ch : name) {
      if (ch == '"' || ch == '\\') shown += '\\';
      shown += ch;
    }
    shown += "\"";
  } else {
    shown = encode_header(name);
  }
  return shown + " <" + std::string(email) + ">";
}

SubjectAndBody split_subject(std::string_view text) {
  SubjectAndBody out;
  constexpr std::string_view kPrefix = "Subject: ";
  if (text.starts_with(kPrefix)) {
    const auto eol = text.find('\n');
    out.subject = std::string(text.substr(kPrefix.size(), eol == std::string_view::npos ? std::string_view::npos : eol - kPrefix.size()));
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    while (text.starts_with("\n")) text.remove_prefix(1);
  }
  out.body = std::string(text);
  return out;
}

}  // namespace gatepass::mail
