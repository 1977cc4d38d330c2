// The offline pack's encodings and the offline upload's pure rules (docs/offline-gates.md).
#include <gtest/gtest.h>

#include <random>

#include "domain/crypto.hpp"
#include "domain/offline_pack.hpp"
#include "domain/offline_sync.hpp"

using namespace gatepass;
using namespace gatepass::offline;

namespace {
std::string b64(const std::string& bytes) {
  return crypto::to_base64url(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}
}  // namespace

TEST(OfflinePack, RangesMatchTheDocumentedExample) {
  const auto bytes = encode_ranges({1, 2, 3, 7});
  EXPECT_EQ(bytes, std::string("\x00\x02\x03\x00", 4));
  EXPECT_EQ(b64(bytes), "AAIDAA");
  EXPECT_EQ(encode_ranges({}), "");
  EXPECT_EQ(decode_ranges(""), std::vector<std::int64_t>{});
}

TEST(OfflinePack, RangesRoundTripRandomSetsAndRunsStaySmall) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::int64_t> numbers;
    const int density = 1 + static_cast<int>(rng() % 20);
    for (std::int64_t n = 1; n < 5000; ++n)
      if (static_cast<int>(rng() % 20) < density) numbers.push_back(n);
    const auto decoded = decode_ranges(encode_ranges(numbers));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, numbers);
  }
  // 20,000 unsold tickets in one run cost two bytes per range, not per ticket.
  std::vector<std::int64_t> run;
  for (std::int64_t n = 80'001; n <= 100'000; ++n) run.push_back(n);
  EXPECT_LE(encode_ranges(run).size(), 6u);
  // Large numbers need multi-byte varints and still round-trip.
  const std::vector<std::int64_t> big{1, 127, 128, 16'384, 2'000'000'000LL, 2'000'000'001LL};
  EXPECT_EQ(*decode_ranges(encode_ranges(big)), big);
}

TEST(OfflinePack, TruncatedOrHostileRangesAreRejected) {
  EXPECT_FALSE(decode_ranges(std::string("\x00", 1)));                 // a gap without its length
  EXPECT_FALSE(decode_ranges(std::string("\x80", 1)));                 // an unfinished varint
  EXPECT_FALSE(decode_ranges(std::string(10, '\xff') + '\x01'));      // beyond 63 bits
  EXPECT_FALSE(decode_ranges(std::string("\x00\xff\xff\xff\xff\x0f", 6))) << "a 4-billion-number range";
}

TEST(OfflinePack, ReissuedRoundTrips) {
  const std::vector<Reissued> list{{3, 0xDEADBEEF}, {4, 0}, {90'000, 1}};
  const auto bytes = encode_reissued(list);
  EXPECT_EQ(bytes.substr(0, 5), std::string("\x03\xde\xad\xbe\xef", 5));
  EXPECT_EQ(*decode_reissued(bytes), list);
  EXPECT_FALSE(decode_reissued(bytes.substr(0, bytes.size() - 1)));
}

TEST(OfflinePack, RefusalsFollowTheTicketStateTable) {
  EXPECT_EQ(refusal_of(TicketStatus::created), "not_sold");
  EXPECT_EQ(refusal_of(TicketStatus::refunded), "refunded");
  EXPECT_EQ(refusal_of(TicketStatus::void_), "void");
  EXPECT_FALSE(refusal_of(TicketStatus::valid));
  EXPECT_FALSE(refusal_of(TicketStatus::used)) << "admissions are not in the pack";
  const auto sets = refusal_sets({{1, TicketStatus::created, 0, 1},
                                  {2, TicketStatus::valid, 77, 2},
                                  {3, TicketStatus::refunded, 5, 3},
                                  {4, TicketStatus::void_, 0, 1}});
  EXPECT_EQ(sets.not_sold, std::vector<std::int64_t>{1});
  EXPECT_EQ(sets.refunded, std::vector<std::int64_t>{3});
  EXPECT_EQ(sets.void_, std::vector<std::int64_t>{4});
  EXPECT_EQ(sets.reissued, (std::vector<Reissued>{{2, 77}, {3, 5}}));
}

TEST(OfflineSync, JudgementOfAnOfflineAdmission) {
  EXPECT_EQ(judge(std::nullopt).outcome, Outcome::admitted);
  EXPECT_EQ(judge(ErrorCode::already_used).reason, "double_admission");
  EXPECT_EQ(judge(ErrorCode::already_inside).reason, "double_admission");
  EXPECT_EQ(judge(ErrorCode::refunded).reason, "refunded");
  EXPECT_EQ(judge(ErrorCode::refunded).outcome, Outcome::conflict);
  EXPECT_EQ(judge(ErrorCode::superseded).reason, "superseded");
  EXPECT_EQ(judge(ErrorCode::invalid_ticket).outcome, Outcome::invalid);
}

TEST(OfflineSync, NoncesAndSkew) {
  EXPECT_TRUE(valid_scan_nonce("3f1c9a7e-1b2c-4d5e-8f90-123456789abc"));
  EXPECT_TRUE(valid_scan_nonce("abcdefgh"));
  EXPECT_FALSE(valid_scan_nonce("abcdefg"));
  EXPECT_FALSE(valid_scan_nonce(std::string(65, 'a')));
  EXPECT_FALSE(valid_scan_nonce("abcd efgh"));
  EXPECT_FALSE(valid_scan_nonce("abcdéfgh"));
  EXPECT_EQ(clock_skew(10'000, 7'000), 3'000);
  EXPECT_FALSE(clock_skew(10'000, std::nullopt));
  EXPECT_EQ(corrected_time(5'000, 3'000), 8'000);
  EXPECT_EQ(corrected_time(5'000, std::nullopt), 5'000);
}

TEST(OfflineSync, SameAdmissionIsTheSameDeviceMomentsApart) {
  EXPECT_TRUE(same_admission({"p1", 100'000, false, "anna"}, "p1", "anna", 100'000 + kSameAdmissionWindowMs));
  EXPECT_FALSE(same_admission({"p1", 100'000, false, "anna"}, "p1", "anna", 100'001 + kSameAdmissionWindowMs));
  EXPECT_FALSE(same_admission({"p1", 100'000, false, "anna"}, "p2", "anna", 100'000));
  EXPECT_FALSE(same_admission({"p1", 100'000, false, "anna"}, "p1", "bert", 100'000)) << "another account's admission";
  EXPECT_FALSE(same_admission({std::nullopt, 100'000, false, "anna"}, "p1", "anna", 100'000));
  EXPECT_FALSE(same_admission({"p1", 100'000, true, "anna"}, "p1", "anna", 100'000)) << "two offline admissions are two holders";
}

TEST(OfflineSync, ScanTimesAreClampedToTheBatchWindow) {
  EXPECT_EQ(plausible_time(5'000, 1'000, 9'000), 5'000);
  EXPECT_EQ(plausible_time(500, 1'000, 9'000), 1'000) << "never before the previous sync";
  EXPECT_EQ(plausible_time(500, std::nullopt, 9'000), 500);
  EXPECT_EQ(plausible_time(12'000, 1'000, 9'000), 9'000) << "never after receipt";
  EXPECT_EQ(plausible_time(500, 10'000, 9'000), 9'000) << "a floor after receipt cannot push past it";
}
