// Serials as typed at the gate by hand.
#include <algorithm>
#include <cctype>

#include "domain/serial.hpp"
#include "fuzz.hpp"

namespace {
// The gate's reading of a typed serial (normalise_typed_serial): only serial characters come out,
// and reading its own answer again changes nothing, whatever the gate's prefix.
void check_typed(std::string_view code) {
  for (std::string_view prefix : {"", "HL2027", "EVT1"}) {
    const auto typed = gatepass::normalise_typed_serial(code, prefix);
    if (!typed) continue;
    FUZZ_CHECK(!typed->empty() && typed->front() != '-' && typed->back() != '-');
    for (char c : *typed) FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
    FUZZ_CHECK(gatepass::normalise_typed_serial(*typed, prefix) == typed);  // idempotent
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto code = as_text(data, size);
  check_typed(code);
  const auto out = gatepass::normalise_serial(code);
  // Accepted exactly when it is 1-40 bytes of letters, digits, '-' and spaces, not all spaces.
  const bool serial_like =
      !code.empty() && code.size() <= 40 && code.find_first_not_of(' ') != std::string_view::npos &&
      std::all_of(code.begin(), code.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ' '; });
  FUZZ_CHECK(out.has_value() == serial_like);
  if (!out) return 0;
  FUZZ_CHECK(!out->empty() && out->size() <= code.size());
  for (char c : *out) FUZZ_CHECK((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
  FUZZ_CHECK(gatepass::normalise_serial(*out) == out);  // idempotent
  // Only spaces go and only case changes: what is left is the input, upper-cased, spaces removed.
  std::string expected;
  for (char c : code)
    if (c != ' ') expected += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  FUZZ_CHECK(*out == expected);
  return 0;
}
