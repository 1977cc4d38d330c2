#pragma once
// Small wrappers over libsodium: password hashing (Argon2id), random bytes, secret boxes for keys
// at rest, constant-time comparison. No I/O.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatepass::crypto {

// Must be called once before any other function here (idempotent, thread-safe).
void init();

std::string hash_password(std::string_view password);
bool verify_password(std::string_view password, const std::string& hash);
// A hash of a random password: lets login spend the same time for unknown users.
const std::string& dummy_password_hash();

std::vector<std::uint8_t> random_bytes(std::size_t n);
std::uint32_t random_u32();
std::string random_token(std::size_t bytes);  // URL-safe base64 text

// Derives a 32-byte subkey for one purpose ("jwt", "keys") from the server secret.
std::vector<std::uint8_t> derive_key(std::string_view master_secret, std::string_view purpose);

// Authenticated encryption for secrets at rest (event signing keys). Output: nonce || box.
std::vector<std::uint8_t> seal(const std::vector<std::uint8_t>& key, const std::uint8_t* data, std::size_t size);
std::optional<std::vector<std::uint8_t>> open(const std::vector<std::uint8_t>& key, const std::vector<std::uint8_t>& sealed);

bool constant_time_equal(std::string_view a, std::string_view b);

std::string to_hex(const std::uint8_t* data, std::size_t size);
// SHA-256 of `text` as hex: how a bearer secret (a ticket link token) is stored.
std::string sha256_hex(std::string_view text);
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);
std::string to_base64url(const std::uint8_t* data, std::size_t size);

}  // namespace gatepass::crypto
