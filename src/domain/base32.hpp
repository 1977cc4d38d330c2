#pragma once
// RFC 4648 base32, upper case, no padding. Chosen for QR payloads because every character is in
// the QR "alphanumeric" mode (5.5 bits/char), which gives a smaller code than base64 in byte mode.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatepass::base32 {
std::string encode(const std::uint8_t* data, std::size_t size);
std::optional<std::vector<std::uint8_t>> decode(std::string_view text);
}  // namespace gatepass::base32
