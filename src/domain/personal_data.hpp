#pragma once
// Pure rules of erasing a person's data (docs/privacy.md): what replaces an erased value, which
// free text mentions the person, and JSON texts (audit details, mail variables, job parameters)
// with the mentions taken out. No SQL here: the store applies these to its rows.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.hpp"

namespace gatepass::personal_data {

// What an erased name, note or free text reads afterwards. Erased email addresses become "" (or
// NULL where the column allows it): nothing is ever mailed to "".
inline constexpr std::string_view kErased = "[erased]";

// The strings that identify one person (their address, names, phone, username), compared without
// ASCII case. Shorter ones than kMinLength are left out: "Al" would match half the log.
class Identifiers {
 public:
  static constexpr std::size_t kMinLength = 3;
  void add(std::string_view s);
  bool empty() const { return folded_.empty(); }
  // Whether `text` contains one of them.
  bool mentioned_in(std::string_view text) const;
  // Lower-case (ASCII) forms, for a store's `lower(column) LIKE` pre-filter.
  const std::vector<std::string>& folded() const { return folded_; }

 private:
  std::vector<std::string> folded_;
};

std::string fold_ascii(std::string_view s);

// `text` itself if it mentions nobody, otherwise kErased: free text is not edited word by word,
// since what surrounds a name ("Zoë's sister") may identify the person too.
std::string scrub_text(std::string_view text, const Identifiers& who);

// A JSON text with every string value that mentions `who`, or sits under one of `keys` (at any
// depth), replaced by kErased; nullopt when nothing changed. Text that is not JSON but mentions
// `who` becomes "{}".
std::optional<std::string> scrub_json(std::string_view json, const Identifiers& who,
                                      const std::vector<std::string_view>& keys = {});

// Per-event retention: when housekeeping erases the event's personal data, `retention_days`
// after it ends (its start when it has no end); nullopt when there is no retention or no date.
std::optional<Millis> retention_due_at(const Event& e);
inline constexpr std::int64_t kMaxRetentionDays = 3650;

}  // namespace gatepass::personal_data
