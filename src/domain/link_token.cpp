#include "domain/link_token.hpp"

#include "domain/crypto.hpp"

namespace gatepass::link_token {

namespace {
constexpr std::size_t kTimeDigits = 12;  // Unix ms in hex: enough until the year 10889

bool lower_hex(std::string_view s) {
  for (const char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}
}  // namespace

std::string make(Millis now, std::string_view random_part) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto t = static_cast<std::uint64_t>(now < 0 ? 0 : now);
  std::string out(kTimeDigits, '0');
  for (std::size_t i = kTimeDigits; i-- > 0; t >>= 4) out[i] = kHex[t & 0xf];
  out += '-';
  out += random_part;
  return out;
}

std::string storage_key(std::string_view token) {
  // The new form is 12 + 1 + 43 characters with '-' after the time; an older token is 43 (base64url
  // of 32 bytes), so no older token can be read as the new form. Both stay within [A-Za-z0-9_-].
  constexpr std::size_t kRandomChars = 43;
  const auto time = token.substr(0, kTimeDigits);
  if (token.size() != kTimeDigits + 1 + kRandomChars || token[kTimeDigits] != '-' || !lower_hex(time))
    return crypto::sha256_hex(token);  // made before the time digits (or nothing of ours: not found)
  return std::string(time) + ":" + crypto::sha256_hex(token);
}

}  // namespace gatepass::link_token
