#pragma once
#include <string>

#include "domain/model.hpp"

namespace gatepass::app {

// The caller of a use case, after authentication.
struct Principal {
  Id user_id = 0;
  std::string username;
  Role role = Role::viewer;
};

}  // namespace gatepass::app
