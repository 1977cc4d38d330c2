#include "domain/personal_data.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace gatepass::personal_data {

namespace json = boost::json;

std::string fold_ascii(std::string_view s) {
  std::string out(s);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

void Identifiers::add(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.size() < kMinLength || s == kErased) return;
  auto folded = fold_ascii(s);
  if (std::find(folded_.begin(), folded_.end(), folded) == folded_.end()) folded_.push_back(std::move(folded));
}

bool Identifiers::mentioned_in(std::string_view text) const {
  if (folded_.empty() || text.empty()) return false;
  const auto folded = fold_ascii(text);
  return std::any_of(folded_.begin(), folded_.end(),
                     [&](const std::string& id) { return folded.find(id) != std::string::npos; });
}

std::string scrub_text(std::string_view text, const Identifiers& who) {
  return who.mentioned_in(text) ? std::string(kErased) : std::string(text);
}

namespace {
bool listed(std::string_view key, const std::vector<std::string_view>& keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Walks the value; `forced`: under a listed key, every string below is erased.
bool scrub_value(json::value& v, const Identifiers& who, const std::vector<std::string_view>& keys, bool forced) {
  bool changed = false;
  if (auto* s = v.if_string()) {
    if (*s != kErased && (forced || who.mentioned_in(*s))) {
      *s = kErased;
      changed = true;
    }
  } else if (auto* o = v.if_object()) {
    for (auto& [key, item] : *o) changed |= scrub_value(item, who, keys, forced || listed(key, keys));
  } else if (auto* a = v.if_array()) {
    for (auto& item : *a) changed |= scrub_value(item, who, keys, forced);
  }
  return changed;
}
}  // namespace

std::optional<std::string> scrub_json(std::string_view text, const Identifiers& who,
                                      const std::vector<std::string_view>& keys) {
  std::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return who.mentioned_in(text) ? std::optional<std::string>("{}") : std::nullopt;
  if (!scrub_value(v, who, keys, false)) return std::nullopt;
  return json::serialize(v);
}

std::optional<Millis> retention_due_at(const Event& e) {
  if (!e.personal_data_retention_days) return std::nullopt;
  const auto end = e.ends_at ? e.ends_at : e.starts_at;
  if (!end) return std::nullopt;
  return *end + *e.personal_data_retention_days * 24 * 3600 * 1000;
}

}  // namespace gatepass::personal_data
