#include <gtest/gtest.h>

#include "domain/personal_data.hpp"

using namespace gatepass;
using namespace gatepass::personal_data;

namespace {
Identifiers zoe() {
  Identifiers who;
  who.add("zoe@example.com");
  who.add("  Zoë Ünal ");
  who.add("zoe-u");
  who.add("Al");  // too short to tell anyone apart: ignored
  return who;
}
}  // namespace

TEST(PersonalData, IdentifiersMatchWithoutAsciiCaseAndIgnoreShortOnes) {
  const auto who = zoe();
  EXPECT_EQ(who.folded().size(), 3u);
  EXPECT_TRUE(who.mentioned_in("Mail to ZOE@Example.COM bounced"));
  EXPECT_TRUE(who.mentioned_in("ZOë Ünal <x@y.z>"));
  // Beyond ASCII letters compare as stored (as SQLite's lower() does): every copy of a name is
  // made from the one the person typed.
  EXPECT_FALSE(who.mentioned_in("zoë ünal"));
  EXPECT_TRUE(who.mentioned_in("from zoe-u"));
  EXPECT_FALSE(who.mentioned_in("Alice and Alan"));
  EXPECT_FALSE(who.mentioned_in(""));
  EXPECT_FALSE(Identifiers{}.mentioned_in("anything"));
  Identifiers erased;
  erased.add(kErased);
  EXPECT_TRUE(erased.empty()) << "an erased value identifies nobody";
}

TEST(PersonalData, ScrubTextErasesAWholeTextThatMentionsThem) {
  const auto who = zoe();
  EXPECT_EQ(scrub_text("Zoë Ünal's sister called", who), kErased);
  EXPECT_EQ(scrub_text("lost at the gate", who), "lost at the gate");
}

TEST(PersonalData, ScrubJsonReplacesMentionsAndListedKeysAtAnyDepth) {
  const auto who = zoe();
  EXPECT_EQ(scrub_json(R"({"to":"Zoë Ünal <zoe@example.com>","serial":"EVT-000001","n":3})", who),
            R"({"to":"[erased]","serial":"EVT-000001","n":3})");
  EXPECT_EQ(scrub_json(R"({"list":[{"who":"zoe-u"},"ok"]})", who), R"({"list":[{"who":"[erased]"},"ok"]})");
  // Listed keys go whatever they hold (a free-text reason may name her in other words).
  EXPECT_EQ(scrub_json(R"({"reason":"my sister's ticket","deep":{"reason":["a","b"]},"via":"link"})", who, {"reason"}),
            R"({"reason":"[erased]","deep":{"reason":["[erased]","[erased]"]},"via":"link"})");
  // Unchanged: nullopt, so callers write nothing.
  EXPECT_FALSE(scrub_json(R"({"serial":"EVT-000001"})", who));
  EXPECT_FALSE(scrub_json(R"({"to":"[erased]"})", who, {"to"})) << "already erased";
  // Not JSON: mentioned -> "{}", else untouched.
  EXPECT_EQ(scrub_json("oops zoe@example.com", who), "{}");
  EXPECT_FALSE(scrub_json("oops", who));
}

TEST(PersonalData, RetentionIsCountedFromTheEndOrElseTheStart) {
  constexpr Millis kDay = 24 * 3600 * 1000LL;
  Event e;
  EXPECT_FALSE(retention_due_at(e)) << "no retention";
  e.personal_data_retention_days = 30;
  EXPECT_FALSE(retention_due_at(e)) << "no dates";
  e.starts_at = 1'000 * kDay;
  EXPECT_EQ(retention_due_at(e), 1'030 * kDay);
  e.ends_at = 1'002 * kDay;
  EXPECT_EQ(retention_due_at(e), 1'032 * kDay);
  e.personal_data_retention_days = 0;
  EXPECT_EQ(retention_due_at(e), 1'002 * kDay) << "0: as soon as it ends";
}
