#include "app/smtp_client.hpp"

#include <curl/curl.h>

#include <ctime>
#include <memory>

#include "domain/crypto.hpp"

#include "domain/mail_format.hpp"

namespace gatepass::app {

namespace {
struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct MimeFree {
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};
struct ListFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

void check(CURLcode rc, const char* what) {
  if (rc != CURLE_OK) throw SmtpError(std::string(what) + ": " + curl_easy_strerror(rc));
}

curl_slist* append(curl_slist* list, const std::string& line) {
  auto* out = curl_slist_append(list, line.c_str());
  if (!out) throw SmtpError("out of memory building mail headers");
  return out;
}

// A part with data, type and (for text) quoted-printable; binary parts base64.
curl_mimepart* add_part(curl_mime* mime, const std::string& data, const char* type, const char* encoder) {
  curl_mimepart* part = curl_mime_addpart(mime);
  check(curl_mime_data(part, data.data(), data.size()), "MIME data");
  check(curl_mime_type(part, type), "MIME type");
  check(curl_mime_encoder(part, encoder), "MIME encoder");
  return part;
}
}  // namespace

// "Gatepass <a@b>" -> "Gatepass" ('"Box Office" <a@b>' -> "Box Office"); "" for a bare address.
std::string display_name_of(const std::string& from) {
  const auto open = from.rfind('<');
  if (open == std::string::npos) return "";
  auto name = from.substr(0, open);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
  return name;
}

std::string address_of(const std::string& from) {
  const auto open = from.rfind('<');
  const auto close = from.rfind('>');
  if (open != std::string::npos && close != std::string::npos && close > open) return from.substr(open + 1, close - open - 1);
  return from;
}

void send_smtp(const std::string& smtp_url, const OutgoingMail& m, long timeout_seconds) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!initialised) throw SmtpError("libcurl could not be initialised");
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) throw SmtpError("libcurl could not be initialised");
  CURL* c = curl.get();
  check(curl_easy_setopt(c, CURLOPT_URL, smtp_url.c_str()), "SMTP URL");
  // STARTTLS whenever the server offers it; smtps:// is TLS from the start.
  check(curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY)), "TLS");
  check(curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_seconds), "timeout");
  check(curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L), "connect timeout");
  check(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), "signals");
  const std::string from_addr = "<" + address_of(m.from) + ">";
  check(curl_easy_setopt(c, CURLOPT_MAIL_FROM, from_addr.c_str()), "MAIL FROM");
  std::unique_ptr<curl_slist, ListFree> rcpt(append(nullptr, "<" + m.to_email + ">"));
  check(curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get()), "RCPT TO");

  // Headers: non-ASCII names and subjects as RFC 2047 words (mail_format), never raw bytes.
  std::unique_ptr<curl_slist, ListFree> header_list(append(nullptr, "From: " + mail::format_address(display_name_of(m.from), address_of(m.from))));
  header_list.reset(append(header_list.release(), "To: " + mail::format_address(m.to_name, m.to_email)));
  header_list.reset(append(header_list.release(), "Subject: " + mail::encode_header(m.subject)));
  header_list.reset(append(header_list.release(), "MIME-Version: 1.0"));
  // Date and Message-ID: required by RFC 5322, and spam filters punish their absence.
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  header_list.reset(append(header_list.release(), std::string("Date: ") + date));
  const auto from_addr_only = address_of(m.from);
  const auto at = from_addr_only.find('@');
  header_list.reset(append(header_list.release(), "Message-ID: <" + crypto::random_token(18) + "@" +
                                                      (at == std::string::npos ? "gatepass.local" : from_addr_only.substr(at + 1)) + ">"));
  check(curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get()), "headers");

  // multipart/mixed { multipart/related { multipart/alternative { text, html }, qr.png }, ticket.pdf }
  std::unique_ptr<curl_mime, MimeFree> mixed(curl_mime_init(c));
  curl_mime* related = curl_mime_init(c);
  curl_mime* alternative = curl_mime_init(c);
  add_part(alternative, m.text, "text/plain; charset=utf-8", "quoted-printable");
  add_part(alternative, m.html, "text/html; charset=utf-8", "quoted-printable");
  curl_mimepart* alt_part = curl_mime_addpart(related);
  check(curl_mime_subparts(alt_part, alternative), "alternative part");
  check(curl_mime_type(alt_part, "multipart/alternative"), "alternative type");
  std::unique_ptr<curl_slist, ListFree> qr_headers;
  if (m.qr_png) {
    curl_mimepart* img = add_part(related, *m.qr_png, "image/png", "base64");
    qr_headers.reset(append(append(nullptr, "Content-ID: <ticket-qr>"), "Content-Disposition: inline; filename=\"ticket-qr.png\""));
    check(curl_mime_headers(img, qr_headers.get(), 0), "QR part headers");
  }
  curl_mimepart* rel_part = curl_mime_addpart(mixed.get());
  check(curl_mime_subparts(rel_part, related), "related part");
  check(curl_mime_type(rel_part, "multipart/related"), "related type");
  if (m.pdf) {
    curl_mimepart* pdf = add_part(mixed.get(), *m.pdf, "application/pdf", "base64");
    check(curl_mime_filename(pdf, m.pdf_name.c_str()), "PDF name");
  }
  check(curl_easy_setopt(c, CURLOPT_MIMEPOST, mixed.get()), "MIME body");

  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) throw SmtpError(std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + error : ""));
}

}  // namespace gatepass::app
