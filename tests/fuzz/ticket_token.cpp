// QR payloads as a scanner reads them: anything a camera or a keyboard-wedge can produce.
#include "domain/crypto.hpp"
#include "domain/ticket_token.hpp"
#include "fuzz.hpp"

namespace tt = gatepass::ticket_token;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tt::KeyPair key = [] {
    gatepass::crypto::init();
    return tt::generate_keypair();
  }();
  const auto code = as_text(data, size);
  const auto claims = tt::peek(code);
  if (claims) FUZZ_CHECK(tt::looks_like_payload(code));
  // Nobody without the secret key makes a payload that verifies.
  FUZZ_CHECK(!tt::verify(code, key.public_key));
  // What we sign we can read back, whatever the claims.
  if (claims) {
    const auto signed_payload = tt::sign(*claims, key.secret_key);
    const auto again = tt::peek(signed_payload);
    FUZZ_CHECK(again && again->ticket_number == claims->ticket_number && again->event_id == claims->event_id);
    FUZZ_CHECK(tt::verify(signed_payload, key.public_key));
  }
  return 0;
}
