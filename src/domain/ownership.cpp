#include "domain/ownership.hpp"

#include <sodium.h>

#include <cctype>

#include "domain/base32.hpp"
#include "domain/crypto.hpp"

namespace gatepass::ownership {

namespace {
constexpr std::size_t kMacChars = 12;  // 60 bits in base32

std::string mac_text(const std::vector<std::uint8_t>& key, Id ticket_id, std::int64_t code_id) {
  const std::string message = "gatepass-claim-v1:" + std::to_string(ticket_id) + ":" + std::to_string(code_id);
  std::uint8_t mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key.data(), key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&st, mac);
  return base32::encode(mac, 8).substr(0, kMacChars);
}
}  // namespace

std::string claim_code(const std::vector<std::uint8_t>& key, Id ticket_id, std::int64_t code_id, std::string_view serial) {
  const auto mac = mac_text(key, ticket_id, code_id);
  return std::string(serial) + "-" + mac.substr(0, 4) + "-" + mac.substr(4, 4) + "-" + mac.substr(8, 4);
}

std::optional<TypedClaimCode> parse_claim_code(std::string_view typed) {
  if (typed.size() > 200) return std::nullopt;
  std::string s;
  for (char ch : typed) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isspace(u)) continue;
    s.push_back(static_cast<char>(std::toupper(u)));
  }
  // The last 12 base32 characters (dashes between the groups optional) are the MAC; the serial
  // before them ends with a digit.
  std::string mac;
  std::size_t i = s.size();
  while (i > 0 && mac.size() < kMacChars) {
    const char ch = s[--i];
    if (ch == '-' && mac.size() % 4 == 0 && !mac.empty()) continue;
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '2' && ch <= '7'))) return std::nullopt;
    mac.insert(mac.begin(), ch);
  }
  if (mac.size() != kMacChars || i < 2 || s[i - 1] != '-') return std::nullopt;
  std::string serial = s.substr(0, i - 1);
  if (serial.empty() || serial.size() > 64) return std::nullopt;
  return TypedClaimCode{std::move(serial), std::move(mac)};
}

bool claim_code_matches(const std::vector<std::uint8_t>& key, Id ticket_id, std::int64_t code_id,
                        const TypedClaimCode& typed) {
  return crypto::constant_time_equal(mac_text(key, ticket_id, code_id), typed.mac);
}

std::optional<Millis> cooling_off_until(std::optional<Millis> claimed_at, Millis cooling_off_ms, Millis now) {
  if (!claimed_at || cooling_off_ms <= 0) return std::nullopt;
  const Millis until = *claimed_at + cooling_off_ms;
  if (now >= until) return std::nullopt;
  return until;
}

}  // namespace gatepass::ownership
