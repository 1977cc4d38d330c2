#pragma once
// The organisers' per-language texts (issue 24) as stored: a JSON object {"<locale>": "<text>"}
// in a TEXT column ('{}': none given), the same on SQLite and PostgreSQL.
#include <string>

#include "domain/model.hpp"

namespace gatepass::store {

std::string texts_to_column(const LocaleTexts& texts);
// Lenient on read: a value that is not an object of texts reads as none (the API only writes valid ones).
LocaleTexts texts_from_column(const std::string& column);

}  // namespace gatepass::store
