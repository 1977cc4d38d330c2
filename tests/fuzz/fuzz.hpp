#pragma once
// Shared by the fuzz targets: the input as text, and a check that stops the run when an
// invariant does not hold (libFuzzer reports the input that broke it).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

#define FUZZ_CHECK(cond)                                                     \
  do {                                                                       \
    if (!(cond)) {                                                           \
      std::fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::abort();                                                          \
    }                                                                        \
  } while (0)
