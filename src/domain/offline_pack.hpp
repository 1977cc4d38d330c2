#pragma once
// The offline event pack (docs/offline-gates.md): what a scanner device needs to check tickets
// with no network. Pure data and encodings; the store reads it, the HTTP layer writes it as JSON.
//
// Refusals are sent as exact sets of ticket numbers (false-positive rate 0), written as ranges
// of LEB128 varints: generated-but-unsold tickets come in long runs, refunds are scattered, and
// both stay small (a 100,000-ticket event: docs/benchmarks.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace gatepass::offline {

// Why an offline device must refuse a genuine code of a ticket in this status (not_sold,
// refunded, void); nullopt for valid and used (admissions are the pack's `admitted` sets).
std::optional<std::string_view> refusal_of(TicketStatus status);

// Sorted, distinct ticket numbers (> 0) as ranges: per range [a, b] varint(a - prev_end - 1),
// varint(b - a), prev_end starting at 0. Raw bytes; the wire form is base64url.
std::string encode_ranges(const std::vector<std::int64_t>& sorted_numbers);
// The inverse; nullopt for truncated or overflowing input.
std::optional<std::vector<std::int64_t>> decode_ranges(std::string_view bytes);

// A ticket whose code was replaced: its number and the nonce of its current code.
struct Reissued {
  std::int64_t number = 0;
  std::uint32_t nonce = 0;
  bool operator==(const Reissued&) const = default;
};
// Sorted by number: varint(number - prev_number), then the nonce as 4 bytes big-endian.
std::string encode_reissued(const std::vector<Reissued>& sorted);
std::optional<std::vector<Reissued>> decode_reissued(std::string_view bytes);

struct Key {
  Id key_id = 0;
  std::string public_key;  // 32 raw bytes
  bool active = true;
};

// A ticket as the pack sees it.
struct TicketCode {
  std::int64_t number = 0;
  TicketStatus status = TicketStatus::valid;
  std::uint32_t nonce = 0;
  std::int64_t code_id = 1;  // > 1: the code was replaced (a transfer)
  bool inside = false;       // entered and not seen leaving
};

struct Pack {
  Id event_id = 0;
  std::string event_name;
  std::string serial_prefix;
  bool reentry = false;
  // The highest ticket number issued so far, in full packs and deltas: a serial typed offline
  // above it names no ticket (a QR code's signature says so by itself).
  std::int64_t highest_number = 0;
  std::string cursor;
  Millis generated_at = 0;
  std::vector<Key> keys;
  bool full = true;
  // full: every ticket with a refusal, a replaced code or an admission, and the event's ticket
  // count (the nonce is read only for replaced codes)
  std::vector<TicketCode> flagged;
  std::int64_t tickets = 0;
  // delta: every ticket changed since the cursor, as it is now
  std::vector<TicketCode> changes;
};

// The full pack's sets, ready to encode. Admissions (docs/devices.md §4): `used` = admitted at
// least once; `inside` = inside now, kept only for re-entry events (elsewhere `used` decides).
struct RefusalSets {
  std::vector<std::int64_t> not_sold, refunded, void_;
  std::vector<Reissued> reissued;
  std::vector<std::int64_t> used, inside;
};
RefusalSets refusal_sets(const std::vector<TicketCode>& flagged_sorted_by_number, bool reentry = false);

}  // namespace gatepass::offline
