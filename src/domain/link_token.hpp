#pragma once
// The bearer token of a mailed ticket link (/t/<token>) and the key its row is stored under.
//
// A token is 12 hex digits of its creation time (Unix ms), '-', and 32 random bytes (base64url):
// the secret is the random part, as before. Only a hash is stored, under a key that begins with
// the same time digits: links made close together sit together in the key's index, so an approval
// adds its link on the index's hot page instead of a random one (a random key cost 1.7 written
// pages per approval on SQLite, 37 % of what a batch of approvals wrote: docs/benchmarks.md,
// tenth session). Tokens made before that (43 characters) keep their key: the hash alone.
#include <string>
#include <string_view>

#include "domain/model.hpp"

namespace gatepass::link_token {

// A new token from the time and the random part (crypto::random_token(32)).
std::string make(Millis now, std::string_view random_part);
// The stored key of a token: "<time digits>:<SHA-256 of the token, hex>" for the form above, the
// SHA-256 alone for anything else (an older token, or text that is no token: then nothing is found).
std::string storage_key(std::string_view token);

}  // namespace gatepass::link_token
