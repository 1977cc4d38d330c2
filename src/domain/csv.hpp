#pragma once
// CSV for spreadsheets (RFC 4180): cells quoted when they must be, and a cell a spreadsheet would
// run as a formula (=, +, -, @, tab, carriage return first) prefixed with ' so it stays text.
#include <string>
#include <string_view>
#include <vector>

namespace gatepass::csv {

// The UTF-8 byte-order mark: Excel reads the file as UTF-8 only with it.
inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

void append_cell(std::string& out, std::string_view cell);
// Cells separated by commas, ended by CRLF.
void append_row(std::string& out, const std::vector<std::string>& cells);

}  // namespace gatepass::csv
