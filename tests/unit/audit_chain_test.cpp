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
const std::string kEmptyDigest = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";  // sha256("{}")
}  // namespace

TEST(AuditChain, DetailsDigestIsTheSha256OfTheStoredText) {
  crypto::init();
  EXPECT_EQ(audit_chain::details_digest("{}"), kEmptyDigest);
  EXPECT_EQ(audit_chain::details_digest("{\"name\":\"Zoë\",\"count\":2}"),
            "b869c2a2d11444f821c94576238f443aa2b1fa15fc00f1cec9312c8cbfe65c9e");
}

TEST(AuditChain, LinksMatchTheIndependentVectors) {
  crypto::init();
  const auto h1 = audit_chain::link_hash(audit_chain::kGenesisHash, 1,
                                         row(1, 1700000000000, 7, "admin", "registration.approve", "registration", "12", 3),
                                         kEmptyDigest);
  EXPECT_EQ(h1, "b96184c4c2b986bef40318c4cc107e3cd9edd5c8ca65711ee71cc6cb7fd7f281");
  const auto h2 = audit_chain::link_hash(
      h1, 2, row(5, 1700000000123, std::nullopt, "public", "checkin.rejected", "ticket", std::nullopt, std::nullopt),
      "b869c2a2d11444f821c94576238f443aa2b1fa15fc00f1cec9312c8cbfe65c9e");
  EXPECT_EQ(h2, "120653e04de8ecb415467acb901980adf3ba3ab59827f5014b41ffa1421d3727");
  // Negative numbers, empty texts, an empty entity id (not NULL) and event 0 (not NULL).
  const auto h3 = audit_chain::link_hash(h2, 3, row(6, -1, -5, "", "x", "", "", 0), kEmptyDigest);
  EXPECT_EQ(h3, "ae45ddfad9fecf05e980740aa9c8284b67a05964d9d4e2a2a5649d3a571fca5d");
}

TEST(AuditChain, EveryFieldAndThePreviousHashChangeTheLink) {
  crypto::init();
  const auto base = row(1, 1000, 7, "admin", "a", "t", "12", 3);
  const auto h = audit_chain::link_hash(audit_chain::kGenesisHash, 1, base, kEmptyDigest);
  std::vector<AuditEntry> variants(10, base);
  variants[0].id = 2;
  variants[1].created_at = 1001;
  variants[2].actor_id = std::nullopt;
  variants[3].actor = "admin2";
  variants[4].action = "b";
  variants[5].entity_type = "u";
  variants[6].entity_id = std::nullopt;
  variants[7].entity_id = "";
  variants[8].event_id = std::nullopt;
  // A text moved from one field to the next encodes differently (length prefixes).
  variants[9].actor = "admina";
  variants[9].action = "";
  for (std::size_t i = 0; i < variants.size(); ++i)
    EXPECT_NE(audit_chain::link_hash(audit_chain::kGenesisHash, 1, variants[i], kEmptyDigest), h) << "variant " << i;
  EXPECT_NE(audit_chain::link_hash(audit_chain::kGenesisHash, 2, base, kEmptyDigest), h) << "position";
  EXPECT_NE(audit_chain::link_hash(h, 1, base, kEmptyDigest), h) << "previous hash";
  EXPECT_NE(audit_chain::link_hash(audit_chain::kGenesisHash, 1, base, audit_chain::details_digest("{\"a\":1}")), h)
      << "details digest";
  // Details themselves are not hashed: only their digest (so they can be redacted).
  auto other_details = base;
  other_details.details_json = "{\"email\":\"x@example.com\"}";
  EXPECT_EQ(audit_chain::link_hash(audit_chain::kGenesisHash, 1, other_details, kEmptyDigest), h);
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
