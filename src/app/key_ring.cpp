#include "app/key_ring.hpp"

#include <algorithm>
#include <sodium.h>

#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "store/events_repo.hpp"

namespace gatepass::app {

Id KeyRing::create_key(store::Connection& c, Id event_id, Millis now) const {
  auto kp = ticket_token::generate_keypair();
  const auto sealed = crypto::seal(at_rest_key_, kp.secret_key.data(), kp.secret_key.size());
  sodium_memzero(kp.secret_key.data(), kp.secret_key.size());
  return store::events::insert_key(c, event_id, crypto::to_hex(kp.public_key.data(), kp.public_key.size()),
                                   crypto::to_hex(sealed.data(), sealed.size()), now);
}

SigningKey KeyRing::signing_key(store::Connection& c, Id event_id) {
  // Every approval asks, inside its transaction: only the active key's id is read there (the
  // sealed secret and the public key are read and opened once per key, then cached).
  const auto key_id = store::events::active_key_id(c, event_id);
  if (!key_id) throw Error(ErrorCode::internal, "event has no signing key");
  {
    std::lock_guard lock(mutex_);
    if (auto it = signing_keys_.find(*key_id); it != signing_keys_.end()) return it->second;
  }
  const auto row = store::events::find_key(c, *key_id);
  if (!row) throw Error(ErrorCode::internal, "event has no signing key");
  const auto sealed = crypto::from_hex(row->secret_box_hex);
  const auto secret = sealed ? crypto::open(at_rest_key_, *sealed) : std::nullopt;
  if (!secret || secret->size() != ticket_token::kSecretKeySize)
    throw Error(ErrorCode::internal,
                "cannot open the event signing key: SECRET_KEY differs from the one the key was made with");
  SigningKey key{row->id, {}};
  std::copy(secret->begin(), secret->end(), key.secret.begin());
  std::lock_guard lock(mutex_);
  signing_keys_.emplace(row->id, key);
  return key;
}

std::optional<PublicKey> KeyRing::public_key(store::Connection& c, Id key_id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = public_keys_.find(key_id); it != public_keys_.end()) return it->second;
  }
  const auto row = store::events::find_key(c, key_id);
  if (!row) return std::nullopt;
  const auto bytes = crypto::from_hex(row->public_key_hex);
  if (!bytes || bytes->size() != ticket_token::kPublicKeySize) return std::nullopt;
  PublicKey key{row->id, row->event_id, {}};
  std::copy(bytes->begin(), bytes->end(), key.bytes.begin());
  std::lock_guard lock(mutex_);
  public_keys_.emplace(key_id, key);
  return key;
}

}  // namespace gatepass::app
