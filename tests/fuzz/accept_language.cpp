// Accept-Language headers as any client sends them (issue 24): never more than 32 ranges, each
// well formed with a weight in (0, 1000], ordered by weight; what matches is a shipped locale.
#include "domain/locale.hpp"
#include "fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto header = as_text(data, size);
  const auto ranges = gatepass::locale::parse_accept_language(header);
  FUZZ_CHECK(ranges.size() <= 32);
  int last = 1000;
  for (const auto& r : ranges) {
    FUZZ_CHECK(r.q > 0 && r.q <= 1000 && r.q <= last);
    last = r.q;
    FUZZ_CHECK(r.tag == "*" || gatepass::locale::well_formed(r.tag));
    FUZZ_CHECK(r.tag.size() <= header.size());
  }
  if (const auto m = gatepass::locale::from_accept_language(header)) FUZZ_CHECK(gatepass::locale::is_shipped(*m));
  const auto chosen = gatepass::locale::choose(std::string(header), std::nullopt, std::string(header), header);
  FUZZ_CHECK(gatepass::locale::is_shipped(chosen));
  return 0;
}
