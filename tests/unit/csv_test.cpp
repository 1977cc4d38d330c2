#include <gtest/gtest.h>

#include "domain/csv.hpp"

using namespace gatepass;

namespace {
std::string row(const std::vector<std::string>& cells) {
  std::string out;
  csv::append_row(out, cells);
  return out;
}
}  // namespace

TEST(Csv, PlainCellsAreWrittenAsTheyAre) { EXPECT_EQ(row({"a", "Zoë Ünal", "42", ""}), "a,Zoë Ünal,42,\r\n"); }

TEST(Csv, SeparatorsQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(row({"a,b", "say \"hi\"", "two\nlines"}), "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
}

TEST(Csv, FormulaCellsAreNeutralised) {
  for (std::string cell : {"=cmd|' /C calc'!A0", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"}) {
    const auto out = row({cell});
    EXPECT_EQ(out.substr(0, 2), "\"'") << cell;  // quoted, then a ' before the formula
    EXPECT_NE(out.find(cell.substr(1)), std::string::npos) << "the text itself is kept";
  }
  EXPECT_EQ(row({"a=b"}), "a=b\r\n") << "only a leading character makes a formula";
}
