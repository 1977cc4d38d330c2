#include "domain/offline_pack.hpp"

#include "domain/ticket_state.hpp"

namespace gatepass::offline {

namespace {
void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// LEB128 of at most 9 bytes (63 bits): ticket numbers and gaps fit, anything longer is bad input.
bool get_varint(std::string_view in, std::size_t& pos, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 63; shift += 7) {
    if (pos >= in.size()) return false;
    const auto byte = static_cast<std::uint8_t>(in[pos++]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

constexpr std::uint64_t kMaxNumber = std::uint64_t{1} << 62;
}  // namespace

std::optional<std::string_view> refusal_of(TicketStatus status) {
  const auto refusal = ticket_state::gate_refusal(status);
  if (!refusal || *refusal == ErrorCode::already_used) return std::nullopt;
  return to_string(*refusal);
}

std::string encode_ranges(const std::vector<std::int64_t>& sorted_numbers) {
  std::string out;
  std::int64_t prev_end = 0;
  for (std::size_t i = 0; i < sorted_numbers.size();) {
    const std::int64_t a = sorted_numbers[i];
    std::size_t j = i;
    while (j + 1 < sorted_numbers.size() && sorted_numbers[j + 1] == sorted_numbers[j] + 1) ++j;
    const std::int64_t b = sorted_numbers[j];
    put_varint(out, static_cast<std::uint64_t>(a - prev_end - 1));
    put_varint(out, static_cast<std::uint64_t>(b - a));
    prev_end = b;
    i = j + 1;
  }
  return out;
}

std::optional<std::vector<std::int64_t>> decode_ranges(std::string_view bytes) {
  std::vector<std::int64_t> out;
  std::size_t pos = 0;
  std::uint64_t prev_end = 0;
  while (pos < bytes.size()) {
    std::uint64_t gap = 0, length = 0;
    if (!get_varint(bytes, pos, gap) || !get_varint(bytes, pos, length)) return std::nullopt;
    const std::uint64_t a = prev_end + gap + 1;
    if (gap >= kMaxNumber || length >= kMaxNumber || a + length >= kMaxNumber) return std::nullopt;
    // Refuse a range that would expand beyond what a real event has (memory is not unbounded).
    if (out.size() + length + 1 > 50'000'000) return std::nullopt;
    for (std::uint64_t n = a; n <= a + length; ++n) out.push_back(static_cast<std::int64_t>(n));
    prev_end = a + length;
  }
  return out;
}

std::string encode_reissued(const std::vector<Reissued>& sorted) {
  std::string out;
  std::int64_t prev = 0;
  for (const auto& r : sorted) {
    put_varint(out, static_cast<std::uint64_t>(r.number - prev));
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((r.nonce >> shift) & 0xFF));
    prev = r.number;
  }
  return out;
}

std::optional<std::vector<Reissued>> decode_reissued(std::string_view bytes) {
  std::vector<Reissued> out;
  std::size_t pos = 0;
  std::uint64_t prev = 0;
  while (pos < bytes.size()) {
    std::uint64_t gap = 0;
    if (!get_varint(bytes, pos, gap) || gap >= kMaxNumber || prev + gap >= kMaxNumber || pos + 4 > bytes.size())
      return std::nullopt;
    Reissued r;
    r.number = static_cast<std::int64_t>(prev + gap);
    for (int i = 0; i < 4; ++i) r.nonce = (r.nonce << 8) | static_cast<std::uint8_t>(bytes[pos++]);
    out.push_back(r);
    prev += gap;
  }
  return out;
}

RefusalSets refusal_sets(const std::vector<TicketCode>& flagged, bool reentry) {
  RefusalSets s;
  for (const auto& t : flagged) {
    if (t.status == TicketStatus::used) s.used.push_back(t.number);
    if (reentry && t.inside) s.inside.push_back(t.number);
    if (const auto why = refusal_of(t.status)) {
      if (*why == to_string(ErrorCode::not_sold)) s.not_sold.push_back(t.number);
      else if (*why == to_string(ErrorCode::refunded)) s.refunded.push_back(t.number);
      else s.void_.push_back(t.number);
    }
    if (t.code_id > 1) s.reissued.push_back({t.number, t.nonce});
  }
  return s;
}

}  // namespace gatepass::offline
