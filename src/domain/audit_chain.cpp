#include "domain/audit_chain.hpp"

#include <charconv>
#include <stdexcept>
#include <type_traits>

#include "domain/crypto.hpp"

namespace gatepass::audit_chain {

namespace {
constexpr std::string_view kTag = "gatepass audit chain v1\n";
// Field types: a NULL, a signed 64-bit integer (8 bytes, big-endian two's complement), or bytes
// (4-byte big-endian length, then the bytes).
constexpr char kNull = 0, kInteger = 1, kBytes = 2;

void put_integer(std::string& out, std::int64_t v) {
  out += kInteger;
  const auto u = static_cast<std::uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((u >> shift) & 0xff);
}
void put_bytes(std::string& out, std::string_view b) {
  out += kBytes;
  const auto n = static_cast<std::uint32_t>(b.size());
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((n >> shift) & 0xff);
  out += b;
}
template <class T>
void put_optional(std::string& out, const std::optional<T>& v) {
  if (!v) out += kNull;
  else if constexpr (std::is_same_v<T, std::string>) put_bytes(out, *v);
  else put_integer(out, *v);
}
// 64 hex digits -> 32 bytes.
std::string hash_bytes(std::string_view hex, const char* what) {
  const auto raw = hex.size() == 64 ? crypto::from_hex(hex) : std::nullopt;
  if (!raw || raw->size() != 32) throw std::invalid_argument(std::string(what) + " is not 64 hex digits");
  return {raw->begin(), raw->end()};
}
bool is_lower_hex(std::string_view s) {
  for (const char ch : s)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
  return true;
}
}  // namespace

std::string details_digest(std::string_view actor, std::string_view details_json) {
  std::string in;
  in.reserve(5 + actor.size() + details_json.size());
  put_bytes(in, actor);
  in += details_json;
  return crypto::sha256_hex(in);
}

std::string link_input(std::string_view prev_hash_hex, std::int64_t seq, const AuditEntry& row,
                       std::string_view details_digest_hex) {
  std::string out;
  out.reserve(kTag.size() + 32 + 96 + row.action.size() + row.entity_type.size() +
              (row.entity_id ? row.entity_id->size() : 0));
  out += kTag;
  out += hash_bytes(prev_hash_hex, "previous hash");
  put_integer(out, seq);
  put_integer(out, row.id);
  put_integer(out, row.created_at);
  put_optional(out, row.actor_id);
  put_bytes(out, row.action);
  put_bytes(out, row.entity_type);
  put_optional(out, row.entity_id);
  put_optional(out, row.event_id);
  put_bytes(out, hash_bytes(details_digest_hex, "details digest"));
  return out;
}

std::string link_hash(std::string_view prev_hash_hex, std::int64_t seq, const AuditEntry& row,
                      std::string_view details_digest_hex) {
  return crypto::sha256_hex(link_input(prev_hash_hex, seq, row, details_digest_hex));
}

std::string to_string(const Head& h) { return std::to_string(h.seq) + ":" + h.hash; }

std::optional<Head> parse_head(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  Head h;
  const auto* end = text.data() + colon;
  const auto [ptr, ec] = std::from_chars(text.data(), end, h.seq);
  if (ec != std::errc() || ptr != end || h.seq < 0) return std::nullopt;
  h.hash = std::string(text.substr(colon + 1));
  if (h.hash.size() != 64 || !is_lower_hex(h.hash)) return std::nullopt;
  return h;
}

}  // namespace gatepass::audit_chain
