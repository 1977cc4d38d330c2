#pragma once
// `gatepass tls init`: HTTPS for a venue LAN with no internet (and so no public certificate).
//
// Makes a small local certificate authority and a server certificate signed by it in
// <data-dir>/tls/:
//   ca.crt, ca.key          the venue CA (ECDSA P-256, 10 years). Made once and then kept: every
//                           phone that trusted it keeps trusting the next server certificate.
//   server.crt, server.key  for --tls-cert / --tls-key (ECDSA P-256, 397 days: within what
//                           iOS and Chrome accept), subjectAltName = the host name and every --ip,
//                           extendedKeyUsage serverAuth. Made anew on every run (new names, renewal).
// Keys are written 0600. The server offers ca.crt at /ca.crt with a page on trusting it (/ca).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gatepass::app::ops {

struct TlsFiles {
  std::filesystem::path dir, ca_cert, ca_key, server_cert, server_key;
};
TlsFiles tls_files(const std::filesystem::path& data_dir);

struct TlsInitOptions {
  std::string host;              // the name phones open, e.g. gate.venue.lan
  std::vector<std::string> ips;  // addresses phones may open instead, e.g. 192.168.1.20
  int server_days = 397;
};

struct TlsInitResult {
  TlsFiles files;
  bool ca_created = false;         // false: the existing CA was kept
  std::string ca_fingerprint;      // SHA-256 of the CA certificate, AA:BB:… (what stewards compare)
  std::string server_not_after;    // ISO date the server certificate expires
};

// Validates the names (field errors "host" / "ip"), then writes the files. Throws Error.
TlsInitResult init_venue_tls(const std::filesystem::path& data_dir, const TlsInitOptions& options);

// SHA-256 fingerprint of the first certificate in a PEM text, as AA:BB:… (empty if none).
std::string certificate_fingerprint(const std::string& pem);

// Days until the first certificate of a PEM file expires (negative: expired); nullopt if unreadable.
std::optional<long> certificate_days_left(const std::string& pem);

}  // namespace gatepass::app::ops
