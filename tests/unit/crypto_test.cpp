#include <gtest/gtest.h>

#include "app/token_codec.hpp"
#include "domain/crypto.hpp"

using namespace gatepass;

TEST(Crypto, PasswordsUseArgon2idAndVerify) {
  crypto::init();
  const auto hash = crypto::hash_password("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(crypto::verify_password("correct horse battery", hash));
  EXPECT_FALSE(crypto::verify_password("correct horse batterY", hash));
  EXPECT_NE(hash, crypto::hash_password("correct horse battery"));  // salted
}

TEST(Crypto, SealedSecretsOpenOnlyWithTheRightKey) {
  crypto::init();
  const auto key = crypto::derive_key("master", "purpose");
  const std::string secret = "signing key bytes";
  auto sealed = crypto::seal(key, reinterpret_cast<const std::uint8_t*>(secret.data()), secret.size());
  auto opened = crypto::open(key, sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(std::string(opened->begin(), opened->end()), secret);
  EXPECT_FALSE(crypto::open(crypto::derive_key("master2", "purpose"), sealed));
  sealed.back() ^= 1;
  EXPECT_FALSE(crypto::open(key, sealed));
  EXPECT_NE(crypto::derive_key("m", "a"), crypto::derive_key("m", "b"));
}

class Tokens : public ::testing::Test {
 protected:
  void SetUp() override { crypto::init(); }
  app::TokenCodec codec{crypto::derive_key("secret", "jwt"), 60'000};
  Millis now = 1'800'000'000'000;
};

TEST_F(Tokens, IssuedTokenVerifiesUntilItExpires) {
  const auto token = codec.issue(5, "gate1", Role::scanner, 3, now);
  auto claims = codec.verify(token, now + 1000);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->user_id, 5);
  EXPECT_EQ(claims->username, "gate1");
  EXPECT_EQ(claims->role, Role::scanner);
  EXPECT_EQ(claims->token_version, 3) << "the version travels in the token (sessions end when it changes)";
  EXPECT_FALSE(codec.verify(token, now + 61'000));  // libjwt does not check exp; we must
}

TEST_F(Tokens, TamperedForeignAndUnsignedTokensAreRejected) {
  const auto token = codec.issue(5, "gate1", Role::scanner, 3, now);
  // Flip one character of the signature.
  auto tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.verify(tampered, now));
  // Same claims signed with another key.
  app::TokenCodec other{crypto::derive_key("other", "jwt"), 60'000};
  EXPECT_FALSE(codec.verify(other.issue(5, "gate1", Role::admin, 3, now), now));
  // alg "none": header {"alg":"none","typ":"JWT"}, payload with admin role, empty signature.
  const auto dot = token.find('.');
  const std::string none_header = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
  EXPECT_FALSE(codec.verify(none_header + token.substr(dot, token.rfind('.') - dot) + ".", now));
  for (const char* junk : {"", "abc", "a.b.c", "....", "eyJ.eyJ.eyJ"}) EXPECT_FALSE(codec.verify(junk, now)) << junk;
  EXPECT_FALSE(codec.verify(std::string(5000, 'a'), now));
}
