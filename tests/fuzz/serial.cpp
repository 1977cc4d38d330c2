// Serials as typed at the gate by hand.
#include "domain/serial.hpp"
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto out = gatepass::normalise_serial(as_text(data, size));
  if (!out) return 0;
  FUZZ_CHECK(!out->empty() && out->size() <= 40);
  for (char c : *out) FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  FUZZ_CHECK(gatepass::normalise_serial(*out) == out);  // idempotent
  return 0;
}
