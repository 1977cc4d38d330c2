#include <gtest/gtest.h>

#include "domain/base32.hpp"
#include "domain/crypto.hpp"
#include "domain/ticket_token.hpp"

using namespace gatepass;
using namespace gatepass::ticket_token;

class TicketToken : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
  KeyPair kp = (crypto::init(), generate_keypair());
  Claims claims{7, 42, 123, 0xDEADBEEF};
};

TEST_F(TicketToken, SignedPayloadVerifiesAndRoundTripsClaims) {
  const auto payload = sign(claims, kp.secret_key);
  EXPECT_TRUE(payload.starts_with("GP1:"));
  EXPECT_TRUE(verify(payload, kp.public_key));
  const auto peeked = peek(payload);
  ASSERT_TRUE(peeked);
  EXPECT_EQ(peeked->key_id, 7u);
  EXPECT_EQ(peeked->event_id, 42u);
  EXPECT_EQ(peeked->ticket_number, 123u);
  EXPECT_EQ(peeked->nonce, 0xDEADBEEFu);
}

TEST_F(TicketToken, PayloadIsQrAlphanumericAndCompact) {
  const auto payload = sign(claims, kp.secret_key);
  for (char c : payload) EXPECT_NE(std::string_view("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:").find(c), std::string_view::npos) << c;
  EXPECT_LE(payload.size(), 140u);
}

TEST_F(TicketToken, EveryFlippedBitIsRejected) {
  const auto payload = sign(claims, kp.secret_key);
  auto raw = *base32::decode(payload.substr(4));
  for (std::size_t byte = 0; byte < raw.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      auto copy = raw;
      copy[byte] ^= static_cast<std::uint8_t>(1u << bit);
      const auto forged = "GP1:" + base32::encode(copy.data(), copy.size());
      EXPECT_FALSE(verify(forged, kp.public_key)) << "byte " << byte << " bit " << bit;
    }
  }
}

TEST_F(TicketToken, AnotherKeyDoesNotVerify) {
  const auto other = generate_keypair();
  EXPECT_FALSE(verify(sign(claims, other.secret_key), kp.public_key));
}

TEST_F(TicketToken, ChangedClaimsNeedANewSignature) {
  auto payload = sign(claims, kp.secret_key);
  auto raw = *base32::decode(payload.substr(4));
  raw[16] += 1;  // next ticket number, same signature: the "print the next one" attack
  EXPECT_FALSE(verify("GP1:" + base32::encode(raw.data(), raw.size()), kp.public_key));
}

TEST_F(TicketToken, MalformedInputsAreRejectedWithoutCrashing) {
  const auto payload = sign(claims, kp.secret_key);
  for (const std::string& bad : {std::string(""), std::string("GP1:"), std::string("GP1:!!!!"), payload.substr(0, 50),
                                 payload + "A", std::string("GP2:") + payload.substr(4), std::string("EVT2026-000001"),
                                 std::string(10000, 'A'), std::string("GP1:") + std::string(136, '8')}) {
    EXPECT_FALSE(verify(bad, kp.public_key)) << bad;
    if (bad != payload) EXPECT_FALSE(peek(bad) && verify(bad, kp.public_key));
  }
}

TEST(Base32, RoundTripsAllLengthsAndRejectsNonCanonical) {
  for (std::size_t n = 0; n < 40; ++n) {
    std::vector<std::uint8_t> data(n);
    for (std::size_t i = 0; i < n; ++i) data[i] = static_cast<std::uint8_t>(i * 37 + 11);
    const auto text = base32::encode(data.data(), data.size());
    EXPECT_EQ(base32::decode(text), data);
  }
  EXPECT_FALSE(base32::decode("AB"));   // leftover bits not zero: "AA" is the canonical one
  EXPECT_TRUE(base32::decode("AA"));
  EXPECT_FALSE(base32::decode("a"));    // lower case is not part of our alphabet
  EXPECT_FALSE(base32::decode("A1"));
}
