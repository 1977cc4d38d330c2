#pragma once
// "IN (?, ?, ?)" lists: one bound parameter per value, so values never become SQL text. Callers
// keep lists bounded (a page of ids, a holder's tickets, a directory read in chunks) and run the
// statement with Connection::exec (its text varies with the count, so it is not cached).
#include <string>
#include <vector>

#include "store/db.hpp"

namespace gatepass::store {

template <class T>
std::string placeholders_for(const std::vector<T>& values, std::vector<Value>& params) {
  std::string out;
  for (const auto& v : values) {
    out += out.empty() ? "?" : ", ?";
    params.emplace_back(v);
  }
  return out;
}

}  // namespace gatepass::store
