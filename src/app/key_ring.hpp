#pragma once
// Event signing keys: created with the event, sealed at rest with a key derived from SECRET_KEY,
// cached in memory once opened (key rows never change, so the cache never goes stale).
#include <array>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/model.hpp"
#include "domain/ticket_token.hpp"
#include "store/db.hpp"

namespace gatepass::app {

struct PublicKey {
  Id key_id = 0;
  Id event_id = 0;
  std::array<std::uint8_t, ticket_token::kPublicKeySize> bytes{};
};
struct SigningKey {
  Id key_id = 0;
  std::array<std::uint8_t, ticket_token::kSecretKeySize> secret{};
};

class KeyRing {
 public:
  explicit KeyRing(std::vector<std::uint8_t> at_rest_key) : at_rest_key_(std::move(at_rest_key)) {}
  // Makes and stores a new key pair for the event (inside the caller's transaction).
  Id create_key(store::Connection& c, Id event_id, Millis now) const;
  SigningKey signing_key(store::Connection& c, Id event_id);
  std::optional<PublicKey> public_key(store::Connection& c, Id key_id);

 private:
  std::vector<std::uint8_t> at_rest_key_;
  std::mutex mutex_;
  std::unordered_map<Id, PublicKey> public_keys_;
  std::unordered_map<Id, SigningKey> signing_keys_;  // by key id
};

}  // namespace gatepass::app
