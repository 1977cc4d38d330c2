// QR payloads as a scanner reads them: anything a camera or a keyboard-wedge can produce.
#include "domain/base32.hpp"
#include "domain/crypto.hpp"
#include "domain/ticket_token.hpp"
#include "fuzz.hpp"

namespace tt = gatepass::ticket_token;
namespace base32 = gatepass::base32;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tt::KeyPair key = [] {
    gatepass::crypto::init();
    return tt::generate_keypair();
  }();
  const auto code = as_text(data, size);
  // base32 is canonical: text that decodes is exactly what encoding those bytes gives, so two
  // different codes never carry the same bytes (and the same signature).
  if (const auto raw = base32::decode(code)) {
    FUZZ_CHECK(base32::encode(raw->data(), raw->size()) == code);
    FUZZ_CHECK(raw->size() == code.size() * 5 / 8);
  }
  const auto claims = tt::peek(code);
  if (claims) {
    FUZZ_CHECK(tt::looks_like_payload(code));
    FUZZ_CHECK(code.size() == tt::kPrefix.size() + 136);  // 85 bytes in base32
  }
  // Nobody without the secret key makes a payload that verifies.
  FUZZ_CHECK(!tt::verify(code, key.public_key));
  // What we sign we can read back, whatever the claims.
  if (claims) {
    const auto signed_payload = tt::sign(*claims, key.secret_key);
    const auto again = tt::peek(signed_payload);
    FUZZ_CHECK(again && again->key_id == claims->key_id && again->event_id == claims->event_id &&
               again->ticket_number == claims->ticket_number && again->nonce == claims->nonce);
    FUZZ_CHECK(tt::verify(signed_payload, key.public_key));
    // The claims are the body, the first 21 bytes: its first 33 characters come out the same.
    FUZZ_CHECK(signed_payload.substr(0, tt::kPrefix.size() + 33) == code.substr(0, tt::kPrefix.size() + 33));
  }
  return 0;
}
