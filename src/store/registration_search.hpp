#pragma once
// Name / email / team search over registrations, case- and accent-insensitive beyond ASCII, fast
// at a million rows: SQLite's FTS5 index (word prefixes: "zoe unal" finds "Zoë Ünal", "zoe@exa"
// finds zoe@example.com) or PostgreSQL's trigram index (substrings of three or more characters).
// A search that is a ticket serial also finds the registration that ticket was issued for.
#include <string>
#include <vector>

#include "store/db.hpp"

namespace gatepass::store {

// " AND (…)" restricting `<alias>id` to the matches, its values appended to `params`.
// `alias` is "" or a table alias with its dot ("r.").
std::string registration_search_clause(Dialect dialect, const std::string& text, const std::string& alias,
                                       std::vector<Value>& params);

// The words of a search as FTS5 prefix queries: "zoe@exa" -> "zoe"* "exa"* (empty: no words).
std::string fts5_prefix_query(const std::string& text);

}  // namespace gatepass::store
