// The audit chain's encoding (domain/audit_chain.hpp) against vectors computed independently, in
// Python (hashlib, struct) from the encoding as docs/security.md states it: a change of the
// encoding breaks every chain already written, so it must fail here first.
#include <gtest/gtest.h>

#include "domain/audit_chain.hpp"
#include "domain/crypto.hpp"

using namespace gatepass;

namespace {
AuditEntry row(Id id, Millis at, std::optional<Id> actor_id, std::string actor, std::string action, std::string type,
               std::optional<std::string> entity_id, std::optional<Id> event_id) {
  AuditEntry e;
  e.id = id;
  e.created_at = at;
  e.actor_id = actor_id;
  e.actor = std::move(actor);
  e.action = std::move(action);
  e.entity_type = std::move(type);
  e.entity_id = std::move(entity_id);
  e.event_id = event_id;
  return e;
}
// Some valid digest, for the tests of the link itself (sha256("{}")).
const std::string kEmptyDigest = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
}  // namespace

TEST(AuditChain, TheDigestCoversTheActorsNameAndTheStoredDetails) {
  crypto::init();
  EXPECT_EQ(audit_chain::details_digest("admin", "{}"), "5cc4472b15f98d7a46e5d7cf7d19803e3800129613d3c96a5e16ee2397e41824");
  EXPECT_EQ(audit_chain::details_digest("public", "{\"name\":\"Zoë\",\"count\":2}"),
            "f3217c560ba1b5033bd41efe0093b819e82eada0ea5a9811a497e79c6dcb9854");
  EXPECT_EQ(audit_chain::details_digest("", "{}"), "a478eb2933dbc70cfcde536c7f473e2550c3e5cb98613e5b2b758e55b719de90");
  // The name is length-prefixed: text moved between the name and the details digests differently.
  EXPECT_NE(audit_chain::details_digest("admin", "{}"), audit_chain::details_digest("admin{", "}"));
  EXPECT_NE(audit_chain::details_digest("admin", "{}"), audit_chain::details_digest("admin2", "{}"));
}

TEST(AuditChain, LinksMatchTheIndependentVectors) {
  crypto::init();
  const auto h1 = audit_chain::link_hash(audit_chain::kGenesisHash, 1,
                                         row(1, 1700000000000, 7, "admin", "registration.approve", "registration", "12", 3),
                                         audit_chain::details_digest("admin", "{}"));
  EXPECT_EQ(h1, "f99004cf7aaab8f13af50d1f43d34224e3097d8b559c4d3050d11b0ee4225c46");
  const auto h2 = audit_chain::link_hash(
      h1, 2, row(5, 1700000000123, std::nullopt, "public", "checkin.rejected", "ticket", std::nullopt, std::nullopt),
      audit_chain::details_digest("public", "{\"name\":\"Zoë\",\"count\":2}"));
  EXPECT_EQ(h2, "ab8b8ffb64e299681f579b6fb6444a7606157b2df0279c99fa4a27aa575281f6");
  // Negative numbers, empty texts, an empty entity id (not NULL) and event 0 (not NULL).
  const auto h3 = audit_chain::link_hash(h2, 3, row(6, -1, -5, "", "x", "", "", 0), audit_chain::details_digest("", "{}"));
  EXPECT_EQ(h3, "38da121ba96b1f039c56516947dee1677142661a87427faa03d9a9d5cac73d94");
}

TEST(AuditChain, EveryFieldAndThePreviousHashChangeTheLink) {
  crypto::init();
  const auto base = row(1, 1000, 7, "admin", "a", "t", "12", 3);
  const auto h = audit_chain::link_hash(audit_chain::kGenesisHash, 1, base, kEmptyDigest);
  std::vector<AuditEntry> variants(9, base);
  variants[0].id = 2;
  variants[1].created_at = 1001;
  variants[2].actor_id = std::nullopt;
  variants[3].action = "ab";
  variants[4].action = "b";
  variants[5].entity_type = "u";
  variants[6].entity_id = std::nullopt;
  variants[7].entity_id = "";
  variants[8].event_id = std::nullopt;
  for (std::size_t i = 0; i < variants.size(); ++i)
    EXPECT_NE(audit_chain::link_hash(audit_chain::kGenesisHash, 1, variants[i], kEmptyDigest), h) << "variant " << i;
  EXPECT_NE(audit_chain::link_hash(audit_chain::kGenesisHash, 2, base, kEmptyDigest), h) << "position";
  EXPECT_NE(audit_chain::link_hash(h, 1, base, kEmptyDigest), h) << "previous hash";
  EXPECT_NE(audit_chain::link_hash(audit_chain::kGenesisHash, 1, base, audit_chain::details_digest("admin", "{\"a\":1}")), h)
      << "details digest";
  // The actor's name and the details are not hashed into the link: only their digest (so both can be
  // redacted); the digest covers them (TheDigestCoversTheActorsNameAndTheStoredDetails).
  auto other = base;
  other.details_json = "{\"email\":\"x@example.com\"}";
  other.actor = "leo.park";
  EXPECT_EQ(audit_chain::link_hash(audit_chain::kGenesisHash, 1, other, kEmptyDigest), h);
}

TEST(AuditChain, MalformedHashesAreRefused) {
  crypto::init();
  const auto r = row(1, 1, std::nullopt, "a", "b", "c", std::nullopt, std::nullopt);
  EXPECT_THROW(audit_chain::link_hash("abc", 1, r, kEmptyDigest), std::invalid_argument);
  EXPECT_THROW(audit_chain::link_hash(audit_chain::kGenesisHash, 1, r, "zz"), std::invalid_argument);
  EXPECT_THROW(audit_chain::link_hash(std::string(64, 'g'), 1, r, kEmptyDigest), std::invalid_argument);
}

TEST(AuditChain, HeadsRoundTripAndMalformedOnesAreRefused) {
  const audit_chain::Head h{42, std::string(64, 'a')};
  EXPECT_EQ(audit_chain::to_string(h), "42:" + std::string(64, 'a'));
  EXPECT_EQ(audit_chain::parse_head(audit_chain::to_string(h)), h);
  for (const std::string& bad : std::vector<std::string>{"", ":", "42", "42:", ":" + std::string(64, 'a'), "-1:" + std::string(64, 'a'),
                                "4x:" + std::string(64, 'a'), "42:" + std::string(63, 'a'), "42:" + std::string(64, 'A'),
                                "42:" + std::string(65, 'a'), "42:" + std::string(64, 'g')})
    EXPECT_FALSE(audit_chain::parse_head(bad)) << bad;
}
