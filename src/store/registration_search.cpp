#include "store/registration_search.hpp"

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

std::string registration_search_clause(Dialect dialect, const std::string& text, const std::string& alias,
                                       std::vector<Value>& params) {
  // The ids that match, as one subquery: an OR of two conditions would keep PostgreSQL from
  // using either index (a full scan folding every row: 2 s at a million rows).
  std::string ids;
  if (dialect == Dialect::sqlite) {
    const auto query = fts5_prefix_query(text);
    if (!query.empty()) {
      ids = "SELECT rowid FROM registrations_fts WHERE registrations_fts MATCH ?";
      params.emplace_back(query);
    }
  } else {
    // Every whitespace-separated part must occur (in any order), folded like the index.
    std::string match, part;
    auto add_part = [&] {
      if (part.empty()) return;
      if (!match.empty()) match += " AND ";
      match += "gp_fold(name || ' ' || email || ' ' || COALESCE(team_name, '')) LIKE gp_fold(?) ESCAPE '\\'";
      params.emplace_back(like_pattern(part));
      part.clear();
    };
    for (char ch : text) {
      if (std::isspace(static_cast<unsigned char>(ch))) add_part();
      else part += ch;
    }
    add_part();
    if (!match.empty()) ids = "SELECT id FROM registrations WHERE " + match;
  }
  if (const auto serial = normalise_serial(text)) {
    if (!ids.empty()) ids += " UNION ALL ";
    ids += "SELECT registration_id FROM tickets WHERE serial = ?";
    params.emplace_back(*serial);
  }
  if (ids.empty()) return " AND 1 = 0";  // only punctuation: nothing can match
  return " AND " + alias + "id IN (" + ids + ")";
}

}  // namespace gatepass::store
