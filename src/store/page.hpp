#pragma once
#include <cstdint>
#include <vector>

namespace gatepass::store {
// One page of a list plus the total count that matches the filter.
template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
};
}  // namespace gatepass::store
