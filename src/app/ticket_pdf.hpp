#pragma once
// The printable ticket: one page (A4 or Letter) with the event, the holder, the serial and the QR
// code drawn as vector squares, so it scans from paper at any print size. Made with cairo.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gatepass::app {

enum class Paper { a4, letter };

struct PrintedTicket {
  std::string event_name;
  std::optional<std::string> venue;
  std::optional<std::string> starts_at;  // already formatted for people
  std::string holder_name;
  std::optional<std::string> team_name;
  std::string serial;
  std::string qr_payload;
  std::string status;  // anything but "valid"/"used" is printed as NOT VALID FOR ENTRY
  // Printed beside the QR, never inside it, while no account holds the ticket (docs/accounts.md).
  std::optional<std::string> claim_code;
  std::string locale = "en";  // the language of the ticket's own words (app/ticket_pdf_texts.hpp)
};

std::string render_ticket_pdf(const PrintedTicket& t, Paper paper);

struct SheetTicket {
  std::string serial;
  std::string qr_payload;
  std::optional<std::string> claim_code;  // printed under the serial while no account holds it
};
// A printable A4 sheet of generated tickets, 12 a page.
std::string render_sheet_pdf(const std::string& event_name, const std::vector<SheetTicket>& tickets);

}  // namespace gatepass::app
