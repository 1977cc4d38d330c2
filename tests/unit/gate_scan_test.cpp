// The gate's scan table, exhaustively: every (status, inside) × scan type × re-entry setting has
// exactly one answer, written out by hand from docs/gate-operations.md.
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "domain/gate_scan.hpp"

using namespace gatepass;
using gate_scan::ScanType;
using S = TicketStatus;

namespace {
struct Expect {
  std::string result;       // what the scan answers
  bool moves = false;
  bool inside_after = false;
  bool reentry = false;
};
using Key = std::tuple<S, bool /*inside*/, ScanType, bool /*reentry event*/>;

std::map<Key, Expect> expected() {
  std::map<Key, Expect> m;
  for (bool re : {false, true}) {
    // Terminal or unsold states refuse every scan with their own code.
    for (auto [status, code] : {std::pair{S::created, "not_sold"}, {S::refunded, "refunded"}, {S::void_, "void"}})
      for (bool in : {false, true})
        for (auto t : gate_scan::kAllScanTypes) m[{status, in, t, re}] = {code};
    // A sold ticket nobody used yet.
    m[{S::valid, false, ScanType::entry, re}] = {"admitted", true, true};
    m[{S::valid, false, ScanType::entry_check, re}] = {"valid"};
    m[{S::valid, false, ScanType::exit, re}] = {"not_inside"};
    m[{S::valid, false, ScanType::attendance, re}] = {"not_inside"};
    m[{S::valid, false, ScanType::sale_confirmation, re}] = {"valid"};
    m[{S::valid, true, ScanType::entry, re}] = {"admitted", true, true};  // cannot happen; same answer
    m[{S::valid, true, ScanType::entry_check, re}] = {"valid"};
    m[{S::valid, true, ScanType::exit, re}] = {"not_inside"};
    m[{S::valid, true, ScanType::attendance, re}] = {"not_inside"};
    m[{S::valid, true, ScanType::sale_confirmation, re}] = {"valid"};
    // Used, inside.
    m[{S::used, true, ScanType::entry, re}] = {re ? "already_inside" : "already_used"};
    m[{S::used, true, ScanType::entry_check, re}] = {re ? "already_inside" : "already_used"};
    m[{S::used, true, ScanType::exit, re}] = {"exited", true, false};
    m[{S::used, true, ScanType::attendance, re}] = {"recorded"};
    m[{S::used, true, ScanType::sale_confirmation, re}] = {"valid"};
    // Used, left the venue.
    if (re) m[{S::used, false, ScanType::entry, re}] = {"admitted", true, true, true};
    else m[{S::used, false, ScanType::entry, re}] = {"already_used"};
    m[{S::used, false, ScanType::entry_check, re}] = {re ? "valid" : "already_used"};
    m[{S::used, false, ScanType::exit, re}] = {"not_inside"};
    m[{S::used, false, ScanType::attendance, re}] = {"recorded"};
    m[{S::used, false, ScanType::sale_confirmation, re}] = {"valid"};
  }
  return m;
}
}  // namespace

TEST(GateScan, EveryPositionTypeAndSettingHasTheDocumentedAnswer) {
  const auto table = expected();
  ASSERT_EQ(table.size(), 5u * 2 * 5 * 2);
  for (const auto& [key, want] : table) {
    const auto [status, inside, type, re] = key;
    const auto d = gate_scan::decide({status, inside}, type, re);
    const auto where = std::string(to_string(status)) + (inside ? "/inside " : "/outside ") +
                       std::string(gate_scan::to_string(type)) + (re ? " reentry" : "");
    EXPECT_EQ(d.result, want.result) << where;
    EXPECT_EQ(d.moves, want.moves) << where;
    EXPECT_EQ(d.refusal.has_value(), !want.moves && want.result != "valid" && want.result != "recorded") << where;
    if (d.moves) {
      EXPECT_EQ(d.next.inside, want.inside_after) << where;
      EXPECT_EQ(d.next.status, S::used) << where;
    } else {
      EXPECT_EQ(d.next.status, status) << where;
      EXPECT_EQ(d.next.inside, inside) << where;
    }
    EXPECT_EQ(d.reentry, want.reentry) << where;
  }
}

TEST(GateScan, ConditionalWritesCoverExactlyTheMovingPositions) {
  EXPECT_EQ(gate_scan::sql_moving_positions(ScanType::entry, false),
            "(status = 'valid' AND inside = 0) OR (status = 'valid' AND inside = 1)");
  EXPECT_EQ(gate_scan::sql_moving_positions(ScanType::entry, true),
            "(status = 'valid' AND inside = 0) OR (status = 'valid' AND inside = 1) OR (status = 'used' AND inside = 0)");
  EXPECT_EQ(gate_scan::sql_moving_positions(ScanType::exit, true), "(status = 'used' AND inside = 1)");
  EXPECT_EQ(gate_scan::sql_moving_positions(ScanType::entry_check, true), "");
  EXPECT_EQ(gate_scan::sql_moving_positions(ScanType::attendance, false), "");
}

TEST(GateScan, ScanTypesParseTheirOwnNamesOnly) {
  for (auto t : gate_scan::kAllScanTypes) EXPECT_EQ(gate_scan::parse_scan_type(gate_scan::to_string(t)), t);
  EXPECT_FALSE(gate_scan::parse_scan_type("Entry"));
  EXPECT_FALSE(gate_scan::parse_scan_type(""));
  EXPECT_FALSE(gate_scan::parse_scan_type("admit"));
}
