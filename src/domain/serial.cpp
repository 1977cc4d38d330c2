#include "domain/serial.hpp"

#include <cctype>

namespace gatepass {

std::optional<std::string> normalise_serial(std::string_view code) {
  if (code.empty() || code.size() > 40) return std::nullopt;
  std::string out;
  for (char ch : code) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) out += static_cast<char>(std::toupper(c));
    else if (ch == '-') out += ch;
    else if (ch == ' ') continue;  // people type "EVT2026 - 000123"
    else return std::nullopt;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace gatepass
