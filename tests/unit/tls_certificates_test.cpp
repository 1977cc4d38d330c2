// `gatepass tls init`: the venue CA and the server certificate it signs (app/ops/tls_certificates).
// Checked with OpenSSL's own verifier, as a phone's TLS stack would check them.
#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/ops/tls_certificates.hpp"
#include "domain/error.hpp"

using namespace gatepass;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

X509* load(const fs::path& p) {
  const auto pem = read(p);
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return cert;
}

// OpenSSL's chain verification of `leaf` against `ca` alone, for the purpose "TLS server" and
// the given host name or IP address; returns the verifier's error text or "ok".
std::string verify(const fs::path& ca_file, const fs::path& leaf_file, const std::string& host, const std::string& ip = "") {
  X509* ca = load(ca_file);
  X509* leaf = load(leaf_file);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca);
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf, nullptr);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
  X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
  if (!host.empty()) X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  if (!ip.empty()) X509_VERIFY_PARAM_set1_ip_asc(param, ip.c_str());
  const bool ok = X509_verify_cert(ctx) == 1;
  std::string out = ok ? "ok" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx));
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  X509_free(leaf);
  X509_free(ca);
  return out;
}

class TlsInit : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("gatepass-tls-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
};

TEST_F(TlsInit, TheServerCertificateVerifiesAgainstTheCaForItsNameAndAddressesOnly) {
  const auto r = app::ops::init_venue_tls(dir, {.host = "gate.venue.lan", .ips = {"192.168.1.20", "fd00::20"}});
  EXPECT_TRUE(r.ca_created);
  EXPECT_EQ(verify(r.files.ca_cert, r.files.server_cert, "gate.venue.lan"), "ok");
  EXPECT_EQ(verify(r.files.ca_cert, r.files.server_cert, "", "192.168.1.20"), "ok");
  EXPECT_EQ(verify(r.files.ca_cert, r.files.server_cert, "", "fd00::20"), "ok");
  EXPECT_NE(verify(r.files.ca_cert, r.files.server_cert, "other.venue.lan"), "ok");
  EXPECT_NE(verify(r.files.ca_cert, r.files.server_cert, "", "192.168.1.21"), "ok");
  // The CA is a CA, the server certificate is not (it cannot sign a third one that verifies).
  EXPECT_NE(verify(r.files.server_cert, r.files.ca_cert, ""), "ok");
  EXPECT_EQ(r.ca_fingerprint, app::ops::certificate_fingerprint(read(r.files.ca_cert)));
  EXPECT_EQ(r.ca_fingerprint.size(), 32u * 3 - 1) << r.ca_fingerprint;
  const auto days = app::ops::certificate_days_left(read(r.files.server_cert));
  ASSERT_TRUE(days);
  EXPECT_GE(*days, 396);
  EXPECT_LE(*days, 397) << "longer than 398 days is refused by Safari and Chrome";
}

TEST_F(TlsInit, KeysAreReadableByTheOwnerOnly) {
  const auto r = app::ops::init_venue_tls(dir, {.host = "gate"});
  for (const auto& f : {r.files.ca_key, r.files.server_key, r.files.dir})
    EXPECT_EQ(fs::status(f).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none) << f;
}

TEST_F(TlsInit, ASecondRunKeepsTheCaThatPhonesTrustAndMakesANewServerCertificate) {
  const auto first = app::ops::init_venue_tls(dir, {.host = "gate.one"});
  const auto first_server = read(first.files.server_cert);
  const auto second = app::ops::init_venue_tls(dir, {.host = "gate.two", .ips = {"10.0.0.5"}});
  EXPECT_FALSE(second.ca_created);
  EXPECT_EQ(second.ca_fingerprint, first.ca_fingerprint);
  EXPECT_NE(read(second.files.server_cert), first_server);
  EXPECT_EQ(verify(second.files.ca_cert, second.files.server_cert, "gate.two"), "ok");
  EXPECT_NE(verify(second.files.ca_cert, second.files.server_cert, "gate.one"), "ok");
}

TEST_F(TlsInit, ACaWhoseKeyDoesNotMatchIsRefusedNotReplaced) {
  const auto r = app::ops::init_venue_tls(dir, {.host = "gate"});
  fs::copy_file(r.files.server_key, r.files.ca_key, fs::copy_options::overwrite_existing);
  const auto ca_before = read(r.files.ca_cert);
  EXPECT_THROW(app::ops::init_venue_tls(dir, {.host = "gate"}), Error);
  EXPECT_EQ(read(r.files.ca_cert), ca_before);
}

TEST_F(TlsInit, BadNamesAreNamedAndNothingIsWritten) {
  for (const std::string& host : std::vector<std::string>{"", "bad host", "-gate", "gate-", "a..b", ".gate", "gate/x", std::string(64, 'a') + ".lan"}) {
    try {
      app::ops::init_venue_tls(dir, {.host = host});
      ADD_FAILURE() << "accepted host \"" << host << "\"";
    } catch (const Error& e) {
      EXPECT_TRUE(e.fields().contains("host")) << host;
    }
  }
  try {
    app::ops::init_venue_tls(dir, {.host = "gate", .ips = {"1.2.3"}});
    ADD_FAILURE() << "accepted ip 1.2.3";
  } catch (const Error& e) {
    EXPECT_TRUE(e.fields().contains("ip"));
  }
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
