#include "domain/crypto.hpp"

#include <sodium.h>

#include <stdexcept>

namespace gatepass::crypto {

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  // INTERACTIVE limits (64 MiB, 2 passes) keep a login under ~100 ms on a small server.
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummy_password_hash() {
  static const std::string hash = hash_password(random_token(24));
  return hash;
}

std::vector<std::uint8_t> random_bytes(std::size_t n) {
  std::vector<std::uint8_t> out(n);
  randombytes_buf(out.data(), n);
  return out;
}

std::uint32_t random_u32() { return randombytes_random(); }

std::string random_token(std::size_t bytes) {
  const auto raw = random_bytes(bytes);
  return to_base64url(raw.data(), raw.size());
}

std::vector<std::uint8_t> derive_key(std::string_view master_secret, std::string_view purpose) {
  std::vector<std::uint8_t> out(32);
  // BLAKE2b keyed by the purpose label over the secret: distinct, independent subkeys.
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(master_secret.data()),
                     master_secret.size(), reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size());
  return out;
}

std::vector<std::uint8_t> seal(const std::vector<std::uint8_t>& key, const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + size);
  randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(out.data() + crypto_secretbox_NONCEBYTES, data, size, out.data(), key.data());
  return out;
}

std::optional<std::vector<std::uint8_t>> open(const std::vector<std::uint8_t>& key, const std::vector<std::uint8_t>& sealed) {
  if (sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  std::vector<std::uint8_t> out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
  if (crypto_secretbox_open_easy(out.data(), sealed.data() + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, sealed.data(), key.data()) != 0)
    return std::nullopt;
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
  std::vector<std::uint8_t> out(hex.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
      end != hex.data() + hex.size())
    return std::nullopt;
  out.resize(len);
  return out;
}

std::string to_base64url(const std::uint8_t* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);
  return out;
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return to_hex(digest, sizeof digest);
}

}  // namespace gatepass::crypto
