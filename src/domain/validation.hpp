#pragma once
// Pure input rules shared by every use case. Each check returns the reason text on failure so a
// caller can attach it to the offending field.
#include <optional>
#include <string>
#include <string_view>

namespace gatepass::validation {

// Length in Unicode code points; nullopt when the text is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);

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

std::string trim(std::string_view s);
// "HackFest 2026!" -> "hackfest-2026"; empty when nothing usable is left.
std::string slugify(std::string_view name);

}  // namespace gatepass::validation
