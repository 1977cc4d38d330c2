#include "store/request_scope.hpp"

#include <utility>

namespace gatepass::store {

namespace {
thread_local std::string current;
}

const std::string& current_request_id() { return current; }

std::string exchange_request_id(std::string id) {
  std::swap(current, id);
  return id;
}

RequestScope::RequestScope(std::string id) : previous_(std::move(current)) { current = std::move(id); }
RequestScope::~RequestScope() { current = std::move(previous_); }

}  // namespace gatepass::store
