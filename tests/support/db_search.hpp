#pragma once
// A search of the whole database for a text: every text value of every column of every table, the
// tables and columns read from the schema itself (sqlite_master + pragma table_info, or
// information_schema), so a table or column added later is searched too without a change here.
#include <string>
#include <vector>

#include "domain/personal_data.hpp"
#include "store/db.hpp"

namespace gatepass::testing {

// "table.column" of every column holding a text that contains `needle` (ASCII case ignored).
inline std::vector<std::string> columns_containing(store::Database& db, const std::string& needle) {
  std::vector<std::string> hits;
  const auto pattern = store::like_pattern(personal_data::fold_ascii(needle));
  auto quoted = [](const std::string& name) { return "\"" + name + "\""; };
  db.read([&](store::Connection& c) {
    std::vector<std::pair<std::string, std::string>> columns;
    if (c.dialect() == store::Dialect::sqlite) {
      // Virtual tables (the FTS index) and their shadow tables included.
      for (const auto& t : c.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", {}).rows)
        for (const auto& col : c.query("SELECT name FROM pragma_table_info(?)", {t.text(0)}).rows)
          columns.emplace_back(t.text(0), col.text(0));
    } else {
      for (const auto& row : c.query("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', "
                                     "'character', 'json', 'jsonb') ORDER BY table_name, ordinal_position",
                                     {})
                                 .rows)
        columns.emplace_back(row.text(0), row.text(1));
    }
    for (const auto& [table, column] : columns) {
      // SQLite: any column may hold text whatever its declared type, so every column's text values.
      const std::string value = c.dialect() == store::Dialect::sqlite ? quoted(column) : quoted(column) + "::text";
      const std::string text_only = c.dialect() == store::Dialect::sqlite ? "typeof(" + quoted(column) + ") = 'text' AND " : "";
      const auto n = c.query("SELECT COUNT(*) FROM " + quoted(table) + " WHERE " + text_only + "lower(" + value +
                                 ") LIKE ? ESCAPE '\\'",
                             {pattern})
                         .rows.at(0)
                         .integer(0);
      if (n > 0) hits.push_back(table + "." + column);
    }
  });
  return hits;
}

// How many columns the search above looked at (a search of nothing finds nothing: tests check it
// covers the schema).
inline std::size_t searched_column_count(store::Database& db) {
  std::size_t n = 0;
  db.read([&](store::Connection& c) {
    n = static_cast<std::size_t>(
        c.dialect() == store::Dialect::sqlite
            ? c.query("SELECT COUNT(*) FROM sqlite_master m, pragma_table_info(m.name) WHERE m.type = 'table'", {})
                  .rows.at(0)
                  .integer(0)
            : c.query("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN "
                      "('text', 'character varying', 'character', 'json', 'jsonb')",
                      {})
                  .rows.at(0)
                  .integer(0));
  });
  return n;
}

}  // namespace gatepass::testing
