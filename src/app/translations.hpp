#pragma once
// The organisers' texts per language (issue 24, docs/languages.md): checking a map the admin sent
// and keeping it in step with the plain field, which always holds the default locale's text.
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/model.hpp"

namespace gatepass::app {

// A map as sent: every key a shipped locale, every text non-empty and at most `max_length`
// characters, the default locale's entry present. Problems go to `errors` named
// "<field>.<locale>"; the texts come back trimmed.
LocaleTexts checked_texts(const LocaleTexts& texts, const std::string& field, std::size_t max_length,
                          const std::string& default_locale, FieldErrors& errors);

// After the fields are applied: the plain text is the default locale's. When the plain field
// was written (`plain_written`) it becomes the map's default entry (a null clears the whole map);
// otherwise the map's default entry becomes the plain text, and a map without it (e.g. after
// default_locale changed) is refused as "<field>.<default_locale>".
void settle_texts(LocaleTexts& texts, std::optional<std::string>& plain, bool plain_written, const std::string& field,
                  const std::string& default_locale, FieldErrors& errors);
void settle_texts(LocaleTexts& texts, std::string& plain, bool plain_written, const std::string& field,
                  const std::string& default_locale, FieldErrors& errors);

// Throws 422 invalid_translation naming the fields, when there are any.
void throw_if_bad_translations(const FieldErrors& errors);

}  // namespace gatepass::app
