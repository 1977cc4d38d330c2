#include "app/ops/tls_certificates.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>

#include "domain/error.hpp"

namespace gatepass::app::ops {

namespace fs = std::filesystem;

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

constexpr long kCaDays = 3650;

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorCode::internal, "Could not make the TLS certificates: " + what);
}

// A DNS name as certificates carry it: labels of letters, digits and '-', not starting or ending
// with '-', at most 63 characters each, 253 in all. One leading "*." is not offered: a venue
// names its one server.
bool valid_host_name(const std::string& h) {
  if (h.empty() || h.size() > 253 || h.front() == '.' || h.back() == '.') return false;
  std::size_t label = 0;
  char prev = '.';
  for (const char ch : h) {
    if (ch == '.') {
      if (label == 0 || prev == '-') return false;
      label = 0;
    } else {
      const bool ok = std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
      if (!ok || (label == 0 && ch == '-') || ++label > 63) return false;
    }
    prev = ch;
  }
  return prev != '-';
}

bool valid_ip(const std::string& ip) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, ip.c_str(), buf) == 1 || ::inet_pton(AF_INET6, ip.c_str(), buf) == 1;
}

Key new_p256_key() {
  Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  if (!key) fail("no P-256 key");
  return key;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written to a temporary name (0600) and renamed: a crash leaves the old file or the new one.
void write_private(const fs::path& path, const std::string& text) {
  const auto tmp = path.string() + ".tmp";
  fs::remove(tmp);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot write " + tmp);
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) fail("cannot write " + tmp);
  fs::rename(tmp, path);
}

std::string pem_of(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_X509(bio.get(), cert)) fail("cannot encode a certificate");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string pem_of(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)) fail("cannot encode a key");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

Cert cert_from_pem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return Cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), X509_free);
}

Key key_from_pem(const std::string& pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, decltype(&X509_EXTENSION_free)> ext(
      X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()), X509_EXTENSION_free);
  if (!ext || !X509_add_ext(cert, ext.get(), -1)) fail("cannot add extension " + value);
}

// A certificate with a random 128-bit serial, valid from an hour ago (phone clocks drift) for `days`.
Cert new_certificate(const std::string& common_name, EVP_PKEY* subject_key, long days) {
  Cert cert(X509_new(), X509_free);
  if (!cert || !X509_set_version(cert.get(), 2)) fail("no certificate");
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) fail("no randomness");
  serial[0] &= 0x7f;  // positive
  std::unique_ptr<BIGNUM, decltype(&BN_free)> bn(BN_bin2bn(serial, sizeof serial, nullptr), BN_free);
  if (!bn || !BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert.get()))) fail("no serial");
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 86400L);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Gatepass venue"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()), -1,
                             -1, 0);
  if (!X509_set_pubkey(cert.get(), subject_key)) fail("cannot set the public key");
  return cert;
}

std::string iso_date(const ASN1_TIME* t) {
  std::tm tm{};
  if (!ASN1_TIME_to_tm(t, &tm)) return "";
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace

TlsFiles tls_files(const fs::path& data_dir) {
  const auto dir = data_dir / "tls";
  return {dir, dir / "ca.crt", dir / "ca.key", dir / "server.crt", dir / "server.key"};
}

TlsInitResult init_venue_tls(const fs::path& data_dir, const TlsInitOptions& options) {
  FieldErrors errors;
  if (!valid_host_name(options.host))
    errors.add("host", "must be a host name like gate.venue.lan (letters, digits, '-' and '.')");
  for (const auto& ip : options.ips)
    if (!valid_ip(ip)) errors.add("ip", "\"" + ip.substr(0, 64) + "\" is not an IPv4 or IPv6 address");
  errors.throw_if_any("Cannot make the TLS certificates");

  TlsInitResult result;
  result.files = tls_files(data_dir);
  const auto& f = result.files;
  fs::create_directories(f.dir);
  fs::permissions(f.dir, fs::perms::owner_all, fs::perm_options::replace);

  // The CA: kept when it exists (phones trust it already), made otherwise.
  Key ca_key(nullptr, EVP_PKEY_free);
  Cert ca(nullptr, X509_free);
  if (fs::exists(f.ca_cert) && fs::exists(f.ca_key)) {
    ca = cert_from_pem(read_file(f.ca_cert));
    ca_key = key_from_pem(read_file(f.ca_key));
    if (!ca || !ca_key || X509_check_private_key(ca.get(), ca_key.get()) != 1)
      fail(f.ca_cert.string() + " and " + f.ca_key.string() + " do not belong together; move them away to make a new CA");
  } else {
    ca_key = new_p256_key();
    ca = new_certificate("Gatepass venue CA (" + options.host + ")", ca_key.get(), kCaDays);
    X509_set_issuer_name(ca.get(), X509_get_subject_name(ca.get()));
    add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
    if (!X509_sign(ca.get(), ca_key.get(), EVP_sha256())) fail("cannot sign the CA");
    write_private(f.ca_key, pem_of(ca_key.get()));
    write_private(f.ca_cert, pem_of(ca.get()));
    result.ca_created = true;
  }

  auto key = new_p256_key();
  auto cert = new_certificate(options.host, key.get(), options.server_days);
  X509_set_issuer_name(cert.get(), X509_get_subject_name(ca.get()));
  std::string names = "DNS:" + options.host;
  for (const auto& ip : options.ips) names += ",IP:" + ip;
  add_extension(cert.get(), ca.get(), NID_subject_alt_name, names);
  add_extension(cert.get(), ca.get(), NID_basic_constraints, "critical,CA:FALSE");
  add_extension(cert.get(), ca.get(), NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), ca.get(), NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), ca.get(), NID_subject_key_identifier, "hash");
  add_extension(cert.get(), ca.get(), NID_authority_key_identifier, "keyid:always");
  if (!X509_sign(cert.get(), ca_key.get(), EVP_sha256())) fail("cannot sign the server certificate");
  write_private(f.server_key, pem_of(key.get()));
  write_private(f.server_cert, pem_of(cert.get()));

  result.ca_fingerprint = certificate_fingerprint(pem_of(ca.get()));
  result.server_not_after = iso_date(X509_get0_notAfter(cert.get()));
  return result;
}

std::string certificate_fingerprint(const std::string& pem) {
  const auto cert = cert_from_pem(pem);
  if (!cert) return "";
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (!X509_digest(cert.get(), EVP_sha256(), md, &n)) return "";
  std::string out;
  for (unsigned i = 0; i < n; ++i) out += fmt::format("{}{:02X}", i ? ":" : "", md[i]);
  return out;
}

std::optional<long> certificate_days_left(const std::string& pem) {
  const auto cert = cert_from_pem(pem);
  if (!cert) return std::nullopt;
  int days = 0, seconds = 0;
  if (!ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(cert.get()))) return std::nullopt;
  return days;
}

}  // namespace gatepass::app::ops
