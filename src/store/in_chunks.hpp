#pragma once
// `... IN (?, ?, …)` over a list of any length: one statement per 100 values, the last chunk padded
// with a value that matches no row, so every chunk runs the same prepared statement (the backends
// cache statements by their text) and no list exceeds a backend's parameter limit.
#include <vector>

#include "store/db.hpp"

namespace gatepass::store {

inline constexpr std::size_t kInChunk = 100;

// Runs `before + "(?, …)" + after` per chunk, with `leading` bound before the chunk's values;
// the rows of all chunks and the sum of their affected counts.
template <class T>
Result exec_in_chunks(Connection& c, const std::string& before, const std::vector<T>& values, const T& pad,
                      const std::vector<Value>& leading = {}, const std::string& after = "") {
  Result out;
  if (values.empty()) return out;
  std::string list = "(";
  for (std::size_t i = 0; i < kInChunk; ++i) list += i ? ", ?" : "?";
  list += ")";
  const std::string sql = before + list + after;
  for (std::size_t start = 0; start < values.size(); start += kInChunk) {
    std::vector<Value> params = leading;
    for (std::size_t i = 0; i < kInChunk; ++i)
      params.emplace_back(start + i < values.size() ? values[start + i] : pad);
    auto r = c.exec(sql, params);
    out.affected += r.affected;
    for (auto& row : r.rows) out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace gatepass::store
