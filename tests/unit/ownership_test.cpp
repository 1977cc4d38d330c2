// Claim codes and the transfer cooling-off (domain/ownership): what a person types is read
// forgivingly, but only the ticket's current code's MAC claims it.
#include <gtest/gtest.h>

#include "domain/crypto.hpp"
#include "domain/ownership.hpp"

using namespace gatepass;

namespace {
std::vector<std::uint8_t> key(const char* secret = "a-long-enough-test-secret-0123456789") {
  crypto::init();
  return crypto::derive_key(secret, "claim-code");
}
}  // namespace

TEST(ClaimCode, IsTheSerialAndThreeGroupsOfBase32) {
  const auto code = ownership::claim_code(key(), 42, 1, "HN26-000042");
  ASSERT_EQ(code.size(), std::string("HN26-000042-ABCD-EFGH-JKLM").size()) << code;
  EXPECT_EQ(code.rfind("HN26-000042-", 0), 0u) << code;
  for (std::size_t i = 12; i < code.size(); ++i)
    EXPECT_TRUE((i - 12) % 5 == 4 ? code[i] == '-' : (code[i] >= 'A' && code[i] <= 'Z') || (code[i] >= '2' && code[i] <= '7'))
        << code;
}

TEST(ClaimCode, ChangesWithTheCodeTheTicketAndTheKey) {
  const auto k = key();
  const auto base = ownership::claim_code(k, 42, 1, "S-1");
  EXPECT_NE(base, ownership::claim_code(k, 42, 2, "S-1")) << "a new code (transfer, re-issue) makes a new claim code";
  EXPECT_NE(base, ownership::claim_code(k, 43, 1, "S-1"));
  EXPECT_NE(base, ownership::claim_code(key("another-long-enough-secret-9876543210"), 42, 1, "S-1"));
  EXPECT_EQ(base, ownership::claim_code(k, 42, 1, "S-1")) << "not stored: the same inputs print the same code";
}

TEST(ClaimCode, TypedFormsAreReadAndOnlyTheRightOneMatches) {
  const auto k = key();
  const auto code = ownership::claim_code(k, 7, 3, "EVT2026-000007");
  std::string lower = code;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string no_group_dashes = code.substr(0, 15) + code.substr(15, 4) + code.substr(20, 4) + code.substr(25, 4);
  for (const std::string& typed : {code, lower, " " + code + "\n", no_group_dashes}) {
    const auto parsed = ownership::parse_claim_code(typed);
    ASSERT_TRUE(parsed) << typed;
    EXPECT_EQ(parsed->serial, "EVT2026-000007") << typed;
    EXPECT_TRUE(ownership::claim_code_matches(k, 7, 3, *parsed)) << typed;
    EXPECT_FALSE(ownership::claim_code_matches(k, 7, 4, *parsed)) << "an old claim code after a new code";
  }
  auto flipped = code;
  flipped.back() = flipped.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ownership::claim_code_matches(k, 7, 3, *ownership::parse_claim_code(flipped)));
  for (const std::string bad : {std::string(), std::string("EVT2026-000007"), std::string("GP1:AEAAAAAQ"),
                                std::string("EVT2026-000007-ABCD-EFGH-JK1M"), std::string("-ABCD-EFGH-JKLM"),
                                std::string(300, 'A')})
    EXPECT_FALSE(ownership::parse_claim_code(bad)) << bad;
}

TEST(CoolingOff, RunsFromTheClaimForTheConfiguredTime) {
  const Millis day = 24 * 3600'000LL;
  EXPECT_EQ(ownership::cooling_off_until(1000, day, 1000 + day - 1), 1000 + day);
  EXPECT_FALSE(ownership::cooling_off_until(1000, day, 1000 + day));
  EXPECT_FALSE(ownership::cooling_off_until(std::nullopt, day, 5)) << "never claimed (bought, sold to the account)";
  EXPECT_FALSE(ownership::cooling_off_until(1000, 0, 1001)) << "0 turns it off";
}
