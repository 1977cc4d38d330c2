#include "domain/ticket_token.hpp"

#include <sodium.h>

#include <vector>

#include "domain/base32.hpp"

namespace gatepass::ticket_token {

namespace {
constexpr std::size_t kBodySize = 21;
constexpr std::size_t kSignatureSize = crypto_sign_BYTES;
constexpr std::uint8_t kVersion = 1;

void put_be(std::uint8_t* out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i, v >>= 8) out[i] = static_cast<std::uint8_t>(v & 0xFF);
}
std::uint64_t get_be(const std::uint8_t* in, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | in[i];
  return v;
}

std::optional<std::vector<std::uint8_t>> decode_raw(std::string_view payload) {
  if (!payload.starts_with(kPrefix)) return std::nullopt;
  auto raw = base32::decode(payload.substr(kPrefix.size()));
  if (!raw || raw->size() != kBodySize + kSignatureSize || (*raw)[0] != kVersion) return std::nullopt;
  return raw;
}
}  // namespace

KeyPair generate_keypair() {
  KeyPair kp;
  crypto_sign_keypair(kp.public_key.data(), kp.secret_key.data());
  return kp;
}

std::string sign(const Claims& c, const std::array<std::uint8_t, kSecretKeySize>& secret_key) {
  std::array<std::uint8_t, kBodySize + kSignatureSize> raw{};
  raw[0] = kVersion;
  put_be(&raw[1], c.key_id, 4);
  put_be(&raw[5], c.event_id, 4);
  put_be(&raw[9], c.ticket_number, 8);
  put_be(&raw[17], c.nonce, 4);
  crypto_sign_detached(&raw[kBodySize], nullptr, raw.data(), kBodySize, secret_key.data());
  return std::string(kPrefix) + base32::encode(raw.data(), raw.size());
}

std::optional<Claims> peek(std::string_view payload) {
  const auto raw = decode_raw(payload);
  if (!raw) return std::nullopt;
  const auto* b = raw->data();
  return Claims{static_cast<std::uint32_t>(get_be(b + 1, 4)), static_cast<std::uint32_t>(get_be(b + 5, 4)),
                get_be(b + 9, 8), static_cast<std::uint32_t>(get_be(b + 17, 4))};
}

bool verify(std::string_view payload, const std::array<std::uint8_t, kPublicKeySize>& public_key) {
  const auto raw = decode_raw(payload);
  if (!raw) return false;
  return crypto_sign_verify_detached(raw->data() + kBodySize, raw->data(), kBodySize, public_key.data()) == 0;
}

bool looks_like_payload(std::string_view code) { return code.starts_with(kPrefix); }

}  // namespace gatepass::ticket_token
