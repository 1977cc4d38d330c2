// Shared test vectors for the browser's offline verifier (web/src/features/scanner/offline),
// made here with the server's own signer and pack encoder, so the two sides cannot drift:
// this test fails when the committed file is no longer what the server produces, and the web
// unit tests fail when the browser does not reach the expected result for every case.
//
// Regenerate after a deliberate format change:
//   GATEPASS_WRITE_VECTORS=1 build/release/tests/unit_tests --gtest_filter=OfflineVectors.*
#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "domain/base32.hpp"
#include "domain/crypto.hpp"
#include "domain/offline_pack.hpp"
#include "domain/ticket_token.hpp"
#include "http/offline_json.hpp"

using namespace gatepass;
namespace json = boost::json;

namespace {
const std::string kVectorsPath = std::string(GATEPASS_TEST_SUPPORT_DIR) + "/../vectors/offline-verify.json";

// Fixed keys: the same seed always gives the same Ed25519 key pair (and signatures).
ticket_token::KeyPair seeded_keys(std::uint8_t first) {
  std::array<std::uint8_t, crypto_sign_SEEDBYTES> seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(first + i);
  ticket_token::KeyPair kp;
  crypto_sign_seed_keypair(kp.public_key.data(), kp.secret_key.data(), seed.data());
  return kp;
}

std::vector<std::uint8_t> raw(const std::string& code) {
  return *base32::decode(std::string_view(code).substr(ticket_token::kPrefix.size()));
}
std::string code_of(const std::vector<std::uint8_t>& bytes) {
  return std::string(ticket_token::kPrefix) + base32::encode(bytes.data(), bytes.size());
}
std::string flip_bit(const std::string& code, std::size_t byte, int bit) {
  auto b = raw(code);
  b.at(byte) ^= static_cast<std::uint8_t>(1 << bit);
  return code_of(b);
}
// A body of our own making, signed with `secret`: for versions sign() does not produce.
std::string signed_body(std::vector<std::uint8_t> body, const ticket_token::KeyPair& kp) {
  std::array<std::uint8_t, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, body.data(), body.size(), kp.secret_key.data());
  body.insert(body.end(), sig.begin(), sig.end());
  return code_of(body);
}

constexpr std::uint32_t kEvent = 7, kOtherEvent = 8, kKey = 3, kOtherKey = 4;

json::value make_vectors() {
  const auto keys = seeded_keys(1), other_keys = seeded_keys(101);
  const auto sign = [&](std::uint32_t key_id, std::uint32_t event, std::uint64_t number, std::uint32_t nonce,
                        const ticket_token::KeyPair& kp) {
    return ticket_token::sign({key_id, event, number, nonce}, kp.secret_key);
  };
  offline::Pack pack;
  pack.event_id = kEvent;
  pack.event_name = "Vector Fest";
  pack.serial_prefix = "VEC26";
  pack.highest_number = 123456;  // the "high number" case below is the newest ticket
  pack.cursor = "s42";
  pack.generated_at = 1'796'083'200'000;  // 2026-12-01T00:00:00Z
  pack.keys = {{kKey, std::string(keys.public_key.begin(), keys.public_key.end()), true}};
  pack.tickets = 12;
  pack.flagged = {{2, TicketStatus::created, 0x02020202, 1},  {5, TicketStatus::refunded, 0x05050505, 1},
                  {6, TicketStatus::refunded, 0x06060606, 1}, {7, TicketStatus::refunded, 0x07070707, 1},
                  {9, TicketStatus::void_, 0x09090909, 1},    {11, TicketStatus::valid, 0xBEEF0002, 2}};

  const auto valid = sign(kKey, kEvent, 1, 0x01020304, keys);
  json::array cases;
  const auto add = [&](const std::string& name, const std::string& code, const std::string& expect, std::int64_t number) {
    cases.push_back({{"name", name}, {"code", code}, {"expect", expect}, {"number", number}});
  };
  add("valid ticket", valid, "admitted", 1);
  add("valid ticket, high number", sign(kKey, kEvent, 123'456, 0xFFFFFFFF, keys), "admitted", 123'456);
  add("current code of a re-issued ticket", sign(kKey, kEvent, 11, 0xBEEF0002, keys), "admitted", 11);
  add("old code of a re-issued ticket", sign(kKey, kEvent, 11, 0xBEEF0001, keys), "superseded", 11);
  add("not sold", sign(kKey, kEvent, 2, 0x02020202, keys), "not_sold", 2);
  add("refunded (inside a range)", sign(kKey, kEvent, 6, 0x06060606, keys), "refunded", 6);
  add("void", sign(kKey, kEvent, 9, 0x09090909, keys), "void", 9);
  add("bit flip in the signature", flip_bit(valid, 50, 3), "invalid", 1);
  add("bit flip in the ticket number", flip_bit(valid, 16, 1), "invalid", 0);
  add("bit flip in the nonce", flip_bit(valid, 20, 0), "invalid", 1);
  add("another event's ticket, genuinely signed", sign(kOtherKey, kOtherEvent, 1, 0x01020304, other_keys), "wrong_event", 1);
  add("claims this event, signed with another event's key", sign(kOtherKey, kEvent, 1, 0x01020304, other_keys), "invalid", 1);
  add("claims this event's key id, signed with another key", sign(kKey, kEvent, 1, 0x01020304, other_keys), "invalid", 1);
  auto v2 = raw(valid);
  v2.resize(21);
  v2[0] = 0x02;
  add("unknown format version, validly signed", signed_body(v2, keys), "invalid", 1);
  add("truncated", valid.substr(0, valid.size() - 8), "invalid", 0);
  add("lower-case base32", std::string(ticket_token::kPrefix) + [&] {
        std::string s = valid.substr(ticket_token::kPrefix.size());
        for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return s;
      }(), "invalid", 0);
  add("not a code", "EVT2026-000001", "invalid", 0);
  add("empty", "", "invalid", 0);
  return {{"about", "Offline verifier vectors; generated by tests/unit/offline_vectors_test.cpp. Do not edit."},
          {"pack", http::to_json(pack)},
          {"cases", std::move(cases)}};
}

std::string render(const json::value& v) {
  // One case per line: readable in review, stable in diffs.
  std::string out = "{\n  \"about\": " + json::serialize(v.at("about")) + ",\n  \"pack\": " + json::serialize(v.at("pack")) +
                    ",\n  \"cases\": [\n";
  const auto& cases = v.at("cases").as_array();
  for (std::size_t i = 0; i < cases.size(); ++i) out += "    " + json::serialize(cases[i]) + (i + 1 < cases.size() ? ",\n" : "\n");
  return out + "  ]\n}\n";
}
}  // namespace

TEST(OfflineVectors, CommittedFileIsWhatTheServerProduces) {
  const auto vectors = make_vectors();
  if (std::getenv("GATEPASS_WRITE_VECTORS")) std::ofstream(kVectorsPath) << render(vectors);
  std::ifstream in(kVectorsPath);
  ASSERT_TRUE(in) << kVectorsPath;
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(json::parse(text.str()), vectors) << "regenerate with GATEPASS_WRITE_VECTORS=1 (see the top of this file)";
}

TEST(OfflineVectors, ServerAgreesWithEveryCaseItCanJudge) {
  // The server's own verifier must accept the genuine codes and reject the tampered ones, so the
  // expectations the browser is held to are the server's.
  const auto vectors = make_vectors();
  const auto& pack = vectors.at("pack");
  const auto pk_text = std::string(pack.at("keys").at(0).at("public_key").as_string());
  std::array<std::uint8_t, ticket_token::kPublicKeySize> pk{};
  std::size_t len = 0;
  ASSERT_EQ(sodium_base642bin(pk.data(), pk.size(), pk_text.data(), pk_text.size(), nullptr, &len, nullptr,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
  for (const auto& c : vectors.at("cases").as_array()) {
    const std::string code(c.at("code").as_string()), expect(c.at("expect").as_string());
    const auto claims = ticket_token::peek(code);
    const bool ours = claims && claims->event_id == kEvent && claims->key_id == kKey && ticket_token::verify(code, pk);
    const bool genuine_elsewhere = expect == "wrong_event";
    EXPECT_EQ(ours, expect != "invalid" && !genuine_elsewhere) << c.at("name").as_string();
    if (ours) EXPECT_EQ(static_cast<std::int64_t>(claims->ticket_number), c.at("number").as_int64()) << c.at("name").as_string();
  }
}
