#pragma once
// One message over SMTP with libcurl (Debian's libcurl: maintained, speaks SMTP, STARTTLS, AUTH
// and builds multipart MIME with base64 transfer encoding, so we do not write a mail client).
#include <optional>
#include <stdexcept>
#include <string>

namespace gatepass::app {

struct OutgoingMail {
  std::string from;          // "Name <addr>" as configured (MAIL_FROM)
  std::string to_email;
  std::string to_name;
  std::string subject;       // UTF-8; encoded here
  std::string text;          // plain part
  std::string html;          // HTML part (may reference cid:ticket-qr)
  std::optional<std::string> qr_png;   // inline image, Content-ID <ticket-qr>
  std::optional<std::string> pdf;      // attachment
  std::string pdf_name = "ticket.pdf";
};

struct SmtpError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws SmtpError with libcurl's reason (the server's reply included) when delivery fails.
void send_smtp(const std::string& smtp_url, const OutgoingMail& mail, long timeout_seconds = 30);
// The address part of "Name <addr>" (or the text itself).
std::string address_of(const std::string& from);

}  // namespace gatepass::app
