#pragma once
// Search over registrations and tickets, case- and accent-insensitive beyond ASCII, fast at a
// million rows: SQLite's FTS5 indexes (word prefixes: "zoe unal" finds "Zoë Ünal", "zoe@exa"
// finds zoe@example.com; kept current as store/search_index.hpp says) or PostgreSQL's trigram
// indexes on the folded text kept beside the rows (substrings of three or more characters;
// migration 025). A search that is a ticket serial finds that ticket (and the registration it was
// issued for).
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace gatepass::store {

// " AND (…)" restricting `<alias>id` to the matches, its values appended to `params`.
// `alias` is "" or a table alias with its dot ("r.").
std::string registration_search_clause(Dialect dialect, const std::string& text, const std::string& alias,
                                       std::vector<Value>& params);

// The same for tickets (`t.` alias): holder name and address, buyer name and address, or the
// serial `serial` (the search read as a serial by the caller, who knows the event's prefix).
std::string ticket_search_clause(Dialect dialect, const std::string& text, const std::optional<std::string>& serial,
                                 std::vector<Value>& params);

// The words of a search as FTS5 prefix queries: "zoe@exa" -> "zoe"* "exa"* (empty: no words).
std::string fts5_prefix_query(const std::string& text);

}  // namespace gatepass::store
