#pragma once
// What a scan at the gate does to a ticket (docs/gate-operations.md). The ticket's status
// (domain/ticket_state) is one dimension; whether its holder is inside the venue is the second,
// so events with re-entry can let a holder out and in again. This table decides every scan; the
// store turns the same table into the conditional write's WHERE clause, so racing scanners are
// decided by the row count.
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/model.hpp"

namespace gatepass::gate_scan {

enum class ScanType { entry, exit, attendance, entry_check, sale_confirmation };
inline constexpr ScanType kAllScanTypes[] = {ScanType::entry, ScanType::exit, ScanType::attendance,
                                             ScanType::entry_check, ScanType::sale_confirmation};
std::string_view to_string(ScanType t);
std::optional<ScanType> parse_scan_type(std::string_view text);

struct Position {
  TicketStatus status = TicketStatus::valid;
  bool inside = false;
};

struct Decision {
  std::optional<ErrorCode> refusal;  // set: not done, the gate answers this code
  Position next;                     // the ticket afterwards (== before unless `moves`)
  bool moves = false;                // the scan changes the ticket (entry, exit)
  bool reentry = false;              // an entry of a holder who had been admitted before
  std::string_view result;           // admitted, exited, recorded, valid, or the refusal's code
};

// `reentry`: the event lets a holder leave and come back.
Decision decide(Position now, ScanType type, bool reentry);

// "(status = 'valid' AND inside = 0) OR …": the positions from which `type` moves a ticket, as
// SQL over the tickets table's columns (our own constants, never input). Empty for scans that
// change nothing.
std::string sql_moving_positions(ScanType type, bool reentry);

}  // namespace gatepass::gate_scan
