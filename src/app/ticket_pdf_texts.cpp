#include "app/ticket_pdf_texts.hpp"

#include <map>
#include <sstream>

#include "app/mail_templates.hpp"
#include "domain/locale.hpp"

namespace gatepass::app {

namespace {
using Words = std::map<std::string, std::string>;

// "key: text" lines of templates/mail[/<locale>]/ticket_pdf.txt (compiled in with the mail
// templates); "#" lines are comments. A missing file or key falls back to English.
Words read_words(const std::string& file) {
  Words out;
  const auto& files = embedded_mail_templates();
  const auto it = files.find(file);
  if (it == files.end()) return out;
  std::istringstream in(it->second);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.front() == '#') continue;
    if (const auto colon = line.find(": "); colon != std::string::npos) out[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return out;
}

const Words& words_of(std::string_view locale) {
  static const std::map<std::string, Words, std::less<>> all = [] {
    std::map<std::string, Words, std::less<>> m;
    const auto english = read_words("ticket_pdf.txt");
    m["en"] = english;
    for (const auto l : locale::kShipped) {
      if (l == "en") continue;
      auto words = english;
      for (auto& [key, text] : read_words(std::string(l) + "/ticket_pdf.txt")) words[key] = text;
      m[std::string(l)] = std::move(words);
    }
    return m;
  }();
  const auto it = all.find(locale);
  return it != all.end() ? it->second : all.at("en");
}

std::string word(const Words& w, const std::string& key) {
  const auto it = w.find(key);
  return it != w.end() ? it->second : std::string();
}

TicketPdfTexts texts_of(const Words& w) {
  auto claim = word(w, "claim_code");  // "Claim code: {{code}}": the code is printed after the prefix
  if (const auto at = claim.find("{{code}}"); at != std::string::npos) claim.erase(at);
  return {word(w, "heading"), word(w, "entrance"), claim, word(w, "claim_private"), word(w, "claim_how"), word(w, "not_valid")};
}
}  // namespace

const TicketPdfTexts& ticket_pdf_texts(std::string_view locale) {
  static const std::map<std::string, TicketPdfTexts, std::less<>> all = [] {
    std::map<std::string, TicketPdfTexts, std::less<>> m;
    for (const auto l : locale::kShipped) m[std::string(l)] = texts_of(words_of(l));
    return m;
  }();
  const auto it = all.find(locale);
  return it != all.end() ? it->second : all.at("en");
}

std::string ticket_status_word(std::string_view status, std::string_view locale) {
  // created (never sold), refunded, void; the others are never printed as a refusal.
  const auto text = word(words_of(locale), "status." + std::string(status));
  return text.empty() ? std::string(status) : text;
}

}  // namespace gatepass::app
