#pragma once
// Pure input rules shared by every use case. Each check returns the reason text on failure so a
// caller can attach it to the offending field.
#include <optional>
#include <string>
#include <string_view>

namespace gatepass::validation {

// Length in Unicode code points; nullopt when the text is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);
// THE check for text arriving from outside (paths, queries, headers, file names): everything we
// store or send on must pass it (PostgreSQL refuses invalid UTF-8; browsers mangle it).
bool is_valid_utf8(std::string_view s);
// Bytes as printable ASCII for logs and audit rows: " "…"~" kept (a backslash doubled), every
// other byte as \xHH. At most `max_bytes` input bytes are shown; "…" marks a cut.
std::string escape_bytes(std::string_view s, std::size_t max_bytes);
// The longest prefix of valid UTF-8 `s` that fits in `max_bytes` without splitting a character.
std::string_view truncate_utf8(std::string_view s, std::size_t max_bytes);
// A client's file name made safe to store and show: no directories, no control characters or
// invalid UTF-8, at most kMaxFileNameBytes, and the extension of the type we sniffed (never the
// one the client claims). Empty input gives "attachment.<extension>".
inline constexpr std::size_t kMaxFileNameBytes = 255;
std::string clean_file_name(std::string_view client_name, std::string_view extension);

// Text field with trimmed, non-empty, bounded content. Returns the reason or nullopt when fine.
std::optional<std::string> check_text(std::string_view s, std::size_t max_chars, bool required);
std::optional<std::string> check_email(std::string_view s);
std::optional<std::string> check_phone(std::string_view s);
// Non-negative decimal with at most 2 fraction digits and 10 integer digits, e.g. "12.50".
std::optional<std::string> check_amount(std::string_view s);
std::optional<std::string> check_username(std::string_view s);
std::optional<std::string> check_password(std::string_view s);
std::optional<std::string> check_slug(std::string_view s);
std::optional<std::string> check_serial_prefix(std::string_view s);
// A scanner device's id: 1 to 64 visible ASCII characters.
std::optional<std::string> check_device_id(std::string_view s);

std::string trim(std::string_view s);
// "HackFest 2026!" -> "hackfest-2026"; empty when nothing usable is left.
std::string slugify(std::string_view name);

}  // namespace gatepass::validation
