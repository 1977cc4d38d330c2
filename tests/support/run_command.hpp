#pragma once
// Runs a shell command and returns what it printed (tests that read files back with Python).
#include <cstdio>
#include <string>

namespace gatepass::testing {

inline std::string run_command(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  char buf[4096];
  while (p && std::fgets(buf, sizeof buf, p)) out += buf;
  if (p) ::pclose(p);
  return out;
}

}  // namespace gatepass::testing
