#pragma once
// Pure text work for mail: filling templates, escaping for HTML, and encoding header words so
// that non-ASCII names survive every mail server (RFC 2047). No I/O.
#include <map>
#include <string>
#include <string_view>

namespace gatepass::mail {

using Vars = std::map<std::string, std::string>;
enum class Escape { none, html };

// "{{name}}" becomes vars["name"] (empty when absent), escaped for HTML when asked;
// "{{#name}}…{{/name}}" keeps its inside only when vars["name"] is not empty.
std::string render(std::string_view tpl, const Vars& vars, Escape escape);
std::string html_escape(std::string_view s);

// A header value: as is when it is plain printable ASCII, else "=?UTF-8?B?…?=" words (each at
// most 75 characters, split between UTF-8 characters).
std::string encode_header(std::string_view value);
// "Name <addr>" with the name quoted or encoded as needed; just the address when name is empty.
std::string format_address(std::string_view name, std::string_view email);

// A template file "Subject: …\n\nbody": the subject line and the rest.
struct SubjectAndBody {
  std::string subject;
  std::string body;
};
SubjectAndBody split_subject(std::string_view text);

}  // namespace gatepass::mail
