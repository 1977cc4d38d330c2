#include "domain/offline_sync.hpp"

#include <algorithm>
#include <cstdlib>

namespace gatepass::offline {

bool valid_scan_nonce(std::string_view nonce) {
  if (nonce.size() < 8 || nonce.size() > 64) return false;
  return std::all_of(nonce.begin(), nonce.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
  });
}

std::optional<Millis> clock_skew(Millis received_at, std::optional<Millis> device_sent_at) {
  if (!device_sent_at) return std::nullopt;
  return received_at - *device_sent_at;
}

Millis corrected_time(Millis device_time, std::optional<Millis> skew) { return device_time + skew.value_or(0); }

std::string_view to_string(Outcome o) {
  switch (o) {
    case Outcome::admitted: return "admitted";
    case Outcome::conflict: return "conflict";
    case Outcome::invalid: return "invalid";
    case Outcome::exited: return "exited";
  }
  return "invalid";
}

Judgement judge(std::optional<ErrorCode> entry_refusal) {
  if (!entry_refusal) return {Outcome::admitted, std::nullopt};
  switch (*entry_refusal) {
    case ErrorCode::already_used:
    case ErrorCode::already_inside: return {Outcome::conflict, "double_admission"};
    case ErrorCode::invalid_ticket: return {Outcome::invalid, "invalid_ticket"};
    default: return {Outcome::conflict, std::string(to_string(*entry_refusal))};
  }
}

bool same_admission(const KeptAdmission& kept, const std::string& device, const std::string& account, Millis at) {
  return !kept.offline && kept.device_id && *kept.device_id == device && kept.account == account &&
         std::llabs(kept.at - at) <= kSameAdmissionWindowMs;
}

Millis plausible_time(Millis corrected, std::optional<Millis> floor, Millis received_at) {
  Millis at = std::min(corrected, received_at);
  if (floor && at < *floor) at = std::min(*floor, received_at);
  return at;
}

}  // namespace gatepass::offline
