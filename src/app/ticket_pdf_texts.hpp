#pragma once
// The printed ticket's own words per language (issue 24; terms as in templates/mail/GLOSSARY.md),
// from templates/mail[/<locale>]/ticket_pdf.txt beside the mail templates (compiled in with them).
// Apart from the PDF, so the texts are tested without reading them back out of one.
#include <string>
#include <string_view>

namespace gatepass::app {

struct TicketPdfTexts {
  std::string heading;       // "TICKET"
  std::string entrance;      // the line under the serial
  std::string claim_code;    // "Claim code: " (followed by the code)
  std::string claim_private; // two lines on what the claim code is for
  std::string claim_how;
  std::string not_valid;     // "NOT VALID FOR ENTRY" (followed by the status in brackets)
};
// English for a locale that is not shipped.
const TicketPdfTexts& ticket_pdf_texts(std::string_view locale);
// A ticket state as the printed ticket names it ("void" -> "storniert").
std::string ticket_status_word(std::string_view status, std::string_view locale);

}  // namespace gatepass::app
