#include "domain/gate_scan.hpp"

#include "domain/ticket_state.hpp"

namespace gatepass::gate_scan {

std::string_view to_string(ScanType t) {
  switch (t) {
    case ScanType::entry: return "entry";
    case ScanType::exit: return "exit";
    case ScanType::attendance: return "attendance";
    case ScanType::entry_check: return "entry_check";
    case ScanType::sale_confirmation: return "sale_confirmation";
  }
  return "entry";
}

std::optional<ScanType> parse_scan_type(std::string_view text) {
  for (auto t : kAllScanTypes)
    if (to_string(t) == text) return t;
  return std::nullopt;
}

namespace {
Decision refuse(Position now, ErrorCode code) { return {code, now, false, false, gatepass::to_string(code)}; }
Decision accept(Position next, bool moves, std::string_view result, bool reentry = false) {
  return {std::nullopt, next, moves, reentry, result};
}
}  // namespace

Decision decide(Position now, ScanType type, bool reentry) {
  using S = TicketStatus;
  switch (type) {
    case ScanType::entry:
    case ScanType::entry_check: {
      const bool check_only = type == ScanType::entry_check;
      Decision d;
      if (now.status == S::used && !now.inside && reentry) {
        d = accept({S::used, true}, true, "admitted", true);  // back in after an exit
      } else if (now.status == S::used && reentry) {
        d = refuse(now, ErrorCode::already_inside);
      } else if (const auto refusal = ticket_state::gate_refusal(now.status)) {
        d = refuse(now, *refusal);  // already_used (no re-entry), not_sold, refunded, void
      } else {
        d = accept({S::used, true}, true, "admitted");  // the first admission: ticket_state's admit
      }
      if (check_only && !d.refusal) return accept(now, false, "valid");
      return d;
    }
    case ScanType::exit:
      if (now.status == S::used && now.inside) return accept({S::used, false}, true, "exited");
      if (now.status == S::used || now.status == S::valid) return refuse(now, ErrorCode::not_inside);
      return refuse(now, *ticket_state::gate_refusal(now.status));
    case ScanType::attendance:
      // Presence at a session or hall inside the venue: the holder was admitted.
      if (now.status == S::used) return accept(now, false, "recorded");
      if (now.status == S::valid) return refuse(now, ErrorCode::not_inside);
      return refuse(now, *ticket_state::gate_refusal(now.status));
    case ScanType::sale_confirmation:
      // Was this ticket sold (and not taken back)? Used tickets were sold too.
      if (now.status == S::valid || now.status == S::used) return accept(now, false, "valid");
      return refuse(now, *ticket_state::gate_refusal(now.status));
  }
  return refuse(now, ErrorCode::invalid_ticket);
}

std::string sql_moving_positions(ScanType type, bool reentry) {
  std::string out;
  for (auto status : ticket_state::kAllStates)
    for (bool inside : {false, true}) {
      if (!decide({status, inside}, type, reentry).moves) continue;
      if (!out.empty()) out += " OR ";
      out += "(status = '" + std::string(gatepass::to_string(status)) + "' AND inside = " + (inside ? "1" : "0") + ")";
    }
  return out;
}

}  // namespace gatepass::gate_scan
