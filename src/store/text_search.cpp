#include "store/text_search.hpp"

#include <cctype>

#include "domain/serial.hpp"

namespace gatepass::store {

namespace {
// Words as FTS5's unicode61 tokenizer cuts them: ASCII letters and digits, and every non-ASCII
// byte (letters like ë or Ł) belong to words; everything else separates them.
std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (unsigned char ch : text) {
    if (ch >= 0x80 || std::isalnum(ch)) {
      current += static_cast<char>(ch);
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}
}  // namespace

std::string fts5_prefix_query(const std::string& text) {
  std::string out;
  for (const auto& w : words(text)) {
    if (!out.empty()) out += ' ';
    out += '"' + w + "\"*";  // a word never holds a quote: it is made of letters and digits only
  }
  return out;
}

namespace {
// Every whitespace-separated part of `text` must occur in `folded_text` (in any order), folded
// like PostgreSQL's trigram index: "part1 AND part2 …", or "" when the text has no parts.
std::string all_parts_occur(const std::string& folded_text, const std::string& text, std::vector<Value>& params) {
  std::string match, part;
  auto add_part = [&] {
    if (part.empty()) return;
    if (!match.empty()) match += " AND ";
    match += folded_text + " LIKE gp_fold(?) ESCAPE '\\'";
    params.emplace_back(like_pattern(part));
    part.clear();
  };
  for (char ch : text) {
    if (std::isspace(static_cast<unsigned char>(ch))) add_part();
    else part += ch;
  }
  add_part();
  return match;
}

// "SELECT rowid FROM <table> WHERE <table> MATCH ?" for the words of `text`, or "".
std::string fts5_matches(const std::string& table, const std::string& text, std::vector<Value>& params) {
  const auto query = fts5_prefix_query(text);
  if (query.empty()) return "";
  params.emplace_back(query);
  return "SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?";
}

void add_union(std::string& ids, const std::string& select) {
  if (select.empty()) return;
  if (!ids.empty()) ids += " UNION ALL ";
  ids += select;
}
}  // namespace

std::string registration_search_clause(Dialect dialect, const std::string& text, const std::string& alias,
                                       std::vector<Value>& params) {
  // The ids that match, as one subquery: an OR of two conditions would keep PostgreSQL from
  // using either index (a full scan folding every row: 2 s at a million rows).
  std::string ids;
  if (dialect == Dialect::sqlite) {
    ids = fts5_matches("registrations_fts", text, params);
  } else {
    // The folded name, address and team beside the row (PostgreSQL migration 025).
    const auto match = all_parts_occur("folded", text, params);
    if (!match.empty()) ids = "SELECT registration_id FROM registration_search WHERE " + match;
  }
  if (const auto serial = normalise_serial(text)) {
    add_union(ids, "SELECT registration_id FROM tickets WHERE serial = ?");
    params.emplace_back(*serial);
  }
  if (ids.empty()) return " AND 1 = 0";  // only punctuation: nothing can match
  return " AND " + alias + "id IN (" + ids + ")";
}

std::string ticket_search_clause(Dialect dialect, const std::string& text, const std::optional<std::string>& serial,
                                 std::vector<Value>& params) {
  std::string ids;
  if (dialect == Dialect::sqlite) {
    ids = fts5_matches("tickets_fts", text, params);
  } else {
    // The folded holder and buyer beside the ticket (PostgreSQL migration 025).
    const auto match = all_parts_occur("folded", text, params);
    if (!match.empty()) ids = "SELECT ticket_id FROM ticket_search WHERE " + match;
  }
  if (serial) {
    add_union(ids, "SELECT id FROM tickets WHERE serial = ?");
    params.emplace_back(*serial);
  }
  if (ids.empty()) return " AND 1 = 0";
  return " AND t.id IN (" + ids + ")";
}

}  // namespace gatepass::store
