#include "domain/csv.hpp"

namespace gatepass::csv {

void append_cell(std::string& out, std::string_view cell) {
  const bool formula = !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
  const bool quote = formula || cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += cell;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char ch : cell) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    append_cell(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace gatepass::csv
