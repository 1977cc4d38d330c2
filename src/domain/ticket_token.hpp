#pragma once
// The QR code of a ticket: a compact Ed25519-signed payload, documented in docs/ticket-format.md.
//
//   GP1:<base32( body[21] || signature[64] )>
//   body = version(1)=0x01 | key_id(u32 BE) | event_id(u32 BE) | ticket_number(u64 BE) | nonce(u32 BE)
//
// Anyone with the event's public key can check it (an offline scanner, later); nobody without the
// secret key can make one. The nonce makes a re-issued ticket's code differ from the old one.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gatepass::ticket_token {

inline constexpr std::string_view kPrefix = "GP1:";
inline constexpr std::size_t kPublicKeySize = 32;
inline constexpr std::size_t kSecretKeySize = 64;

struct Claims {
  std::uint32_t key_id = 0;
  std::uint32_t event_id = 0;
  std::uint64_t ticket_number = 0;  // per-event sequence number, as in the serial
  std::uint32_t nonce = 0;
};

struct KeyPair {
  std::array<std::uint8_t, kPublicKeySize> public_key{};
  std::array<std::uint8_t, kSecretKeySize> secret_key{};
};

KeyPair generate_keypair();
std::string sign(const Claims& claims, const std::array<std::uint8_t, kSecretKeySize>& secret_key);

// Splits a payload without checking the signature: tells which key to check it with.
// nullopt for anything that is not structurally a GP1 payload.
std::optional<Claims> peek(std::string_view payload);
// True only if `payload` is exactly what sign() produced for these claims with the matching key.
bool verify(std::string_view payload, const std::array<std::uint8_t, kPublicKeySize>& public_key);

bool looks_like_payload(std::string_view code);

}  // namespace gatepass::ticket_token
