// Ticket-link tokens (domain/link_token.hpp): the creation time in front, so that the stored keys
// of links made in order sort in that order; older tokens (the hash alone) still resolve.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "domain/crypto.hpp"
#include "domain/link_token.hpp"

using namespace gatepass;

TEST(LinkToken, ATokenIsItsTimeInHexADotAndTheRandomPart) {
  const auto random = crypto::random_token(32);
  const auto token = link_token::make(0x19a2b3c4d5e, random);
  EXPECT_EQ(token, "019a2b3c4d5e-" + random);
  EXPECT_EQ(link_token::make(0, "r"), "000000000000-r");
  EXPECT_EQ(link_token::make(-5, "r"), "000000000000-r");  // a clock before 1970 is not a crash
}

TEST(LinkToken, TheStoredKeyIsTheTimeAndTheHashOfTheWholeToken) {
  const auto token = link_token::make(1'780'000'000'000, crypto::random_token(32));
  EXPECT_EQ(link_token::storage_key(token), token.substr(0, 12) + ":" + crypto::sha256_hex(token));
  // Another time in front of the same secret is another key: the time is part of what is hashed.
  auto moved = token;
  moved[11] = moved[11] == '0' ? '1' : '0';
  EXPECT_NE(link_token::storage_key(moved), link_token::storage_key(token));
  EXPECT_NE(link_token::storage_key(moved).substr(13), link_token::storage_key(token).substr(13));
}

TEST(LinkToken, KeysOfLinksMadeInOrderSortInOrder) {
  std::vector<std::string> keys;
  for (Millis t = 1'780'000'000'000; t < 1'780'000'000'000 + 5000 * 997; t += 997)
    keys.push_back(link_token::storage_key(link_token::make(t, crypto::random_token(32))));
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

TEST(LinkToken, AnOlderTokenIsStoredUnderItsHashAlone) {
  const auto old = crypto::random_token(32);  // as mailed before the time digits
  EXPECT_EQ(link_token::storage_key(old), crypto::sha256_hex(old));
}

TEST(LinkToken, AnythingNotOfTheNewFormIsLookedUpByItsHashAlone) {
  const auto random = crypto::random_token(32);
  for (const std::string other : {"019A2B3C4D5E-" + random, "019a2b3c4d5g-" + random, "019a2b3c4d5e_" + random,
                                  "019a2b3c4d5e-" + random + "x", std::string("short")})
    EXPECT_EQ(link_token::storage_key(other), crypto::sha256_hex(other)) << other;
}
