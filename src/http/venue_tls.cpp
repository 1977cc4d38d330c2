#include "http/venue_tls.hpp"

#include <algorithm>
#include <cctype>

#include "http/error_mapping.hpp"

namespace gatepass::http {

namespace {

// A Host header's host part: a DNS name or IPv4 address, or a bracketed IPv6 literal; the
// ":port" dropped. Anything else (spaces, '@', '/', …) is refused: it would end up in Location.
std::optional<std::string> host_of(const std::optional<std::string>& header) {
  if (!header || header->empty() || header->size() > 255) return std::nullopt;
  std::string_view h = *header;
  std::string_view host;
  if (h.front() == '[') {
    const auto close = h.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = h.substr(0, close + 1);
    const auto inner = host.substr(1, host.size() - 2);
    if (inner.empty() || !std::all_of(inner.begin(), inner.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'; }))
      return std::nullopt;
    h.remove_prefix(close + 1);
  } else {
    const auto colon = h.find(':');
    host = h.substr(0, colon);
    if (host.empty() || !std::all_of(host.begin(), host.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }))
      return std::nullopt;
    h.remove_prefix(host.size());
  }
  if (!h.empty()) {  // ":port"
    if (h.front() != ':' || h.size() < 2 || h.size() > 6 ||
        !std::all_of(h.begin() + 1, h.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return std::nullopt;
  }
  return std::string(host);
}

std::string ca_page(const std::string& fingerprint) {
  return R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust this venue's certificate</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;color:#111}
code{word-break:break-all;background:#f1f1f1;padding:.1rem .25rem}a.b{display:inline-block;background:#1d4ed8;color:#fff;
padding:.6rem 1rem;border-radius:.4rem;text-decoration:none;font-weight:600}li{margin:.3rem 0}</style></head><body>
<h1>Trust this venue's certificate</h1>
<p>This Gatepass server serves HTTPS with a certificate made for this venue's network. A phone opens the
scanner's camera and its offline mode only over HTTPS, so each gate phone trusts this venue's certificate
authority once.</p>
<p><a class="b" href="/ca.crt">Download the venue certificate</a></p>
<p>Before you install it, check that this fingerprint (SHA-256) is the one your organiser gave you (it is
printed by <code>gatepass tls init</code>):<br><code>)" +
         fingerprint + R"(</code></p>
<h2>Android</h2>
<ol><li>Tap <em>Download the venue certificate</em>.</li>
<li>Open <em>Settings → Security → More security settings → Encryption &amp; credentials → Install a certificate →
CA certificate</em> (names differ a little by maker), tap <em>Install anyway</em> and pick the downloaded
<code>gatepass-venue-ca.crt</code>.</li>
<li>Open the scanner address starting with <code>https://</code> in Chrome.</li></ol>
<h2>iPhone and iPad</h2>
<ol><li>Open this page in Safari and tap <em>Download the venue certificate</em>, then <em>Allow</em>.</li>
<li>Open <em>Settings → General → VPN &amp; Device Management</em>, tap the downloaded profile and <em>Install</em>.</li>
<li>Open <em>Settings → General → About → Certificate Trust Settings</em> and switch on full trust for
the Gatepass venue CA.</li>
<li>Open the scanner address starting with <code>https://</code> in Safari.</li></ol>
<p>After the event you can remove the certificate in the same settings.</p>
</body></html>
)";
}

}  // namespace

bool is_venue_ca_path(const Request& req) {
  return req.path.size() == 1 && (req.path.front() == "ca.crt" || req.path.front() == "ca");
}

Response venue_ca_response(const Request& req, const std::string& ca_pem, const std::string& ca_fingerprint) {
  if (ca_pem.empty()) return error_response(404, "not_found", "This server has no venue certificate (gatepass tls init)");
  if (req.method != "GET" && req.method != "HEAD") return error_response(405, "method_not_allowed", "Only GET here");
  Response res;
  if (req.path.front() == "ca.crt") {
    // The type Android and iOS offer to install as a CA certificate.
    res.content_type = "application/x-x509-ca-cert";
    res.body = ca_pem;
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"gatepass-venue-ca.crt\"");
  } else {
    res.content_type = "text/html; charset=utf-8";
    res.body = ca_page(ca_fingerprint);
    res.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  }
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

Response redirect_to_https(const Request& req, std::string_view target, unsigned short https_port) {
  const auto host = host_of(req.header("host"));
  if (!host) return error_response(400, "bad_request", "This port only redirects to HTTPS and needs a valid Host header");
  Response res;
  res.status = 308;  // keeps the method and body, unlike 301/302
  res.content_type = "text/plain; charset=utf-8";
  std::string location;
  location.append("https://").append(*host);
  if (https_port != 443) location.append(":").append(std::to_string(https_port));
  location.append(target);
  res.body.append("This server speaks HTTPS: ").append(location).append("\n");
  res.headers.emplace_back("Location", std::move(location));
  return res;
}

}  // namespace gatepass::http
