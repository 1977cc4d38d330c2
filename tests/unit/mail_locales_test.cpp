// Issue 24: every shipped language has every mail template, with the same placeholders as the
// English one, and a language without a template falls back to English as a whole.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/mail_templates.hpp"
#include "app/ticket_pdf_texts.hpp"
#include "domain/locale.hpp"

using namespace gatepass;

namespace {
// The names a template uses, as {{name}} or as a section {{#name}}…{{/name}}.
std::set<std::string> placeholders(const std::string& text) {
  std::set<std::string> out;
  static const std::regex tag(R"(\{\{[#/]?([a-z_]+)\}\})");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), tag); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
  return out;
}
}  // namespace

TEST(MailLocales, EveryLanguageHasEveryTemplateWithTheSamePlaceholders) {
  const auto& files = app::embedded_mail_templates();
  int english = 0;
  for (const auto& [name, text] : files) {
    if (name.find('/') != std::string::npos) continue;
    ++english;
    for (const auto locale : locale::kShipped) {
      if (locale == "en") continue;
      const auto it = files.find(std::string(locale) + "/" + name);
      ASSERT_NE(it, files.end()) << locale << "/" << name << " is missing";
      EXPECT_EQ(placeholders(it->second), placeholders(text)) << locale << "/" << name;
      if (name.ends_with(".txt") && name != "layout.txt") {
        // ticket_pdf.txt is the printed ticket's words, not a mail: no subject.
        if (name != "ticket_pdf.txt") EXPECT_TRUE(it->second.starts_with("Subject: ")) << locale << "/" << name;
        EXPECT_NE(it->second, text) << locale << "/" << name << " is not translated";
      }
    }
  }
  EXPECT_GE(english, 28);
  // And no language has a template English lacks.
  for (const auto& [name, text] : files)
    if (const auto slash = name.find('/'); slash != std::string::npos)
      EXPECT_TRUE(files.contains(name.substr(slash + 1))) << name;
}

TEST(MailLocales, MailsRenderInTheLanguageOrWhollyInEnglish) {
  const mail::Vars vars{{"name", "Ana"}, {"event_name", "Gala"}, {"serial", "G-1"}, {"link_url", "https://x/t/1"}};
  const auto de = app::render_mail("ticket_issued", vars, "", "de");
  EXPECT_EQ(de.subject, "Ihr Ticket für Gala: G-1");
  EXPECT_EQ(de.locale, "de");
  const auto es = app::render_mail("registration_received", vars, "", "es");
  EXPECT_EQ(es.subject, "Hemos recibido su inscripción en Gala");
  EXPECT_NE(es.text.find("Hola, Ana:"), std::string::npos) << es.text;
  const auto fr = app::render_mail("refund_decided", {{"serial", "G-1"}, {"approved", "yes"}}, "", "fr");
  EXPECT_EQ(fr.subject, "Votre demande de remboursement pour G-1 a été acceptée");
  const auto en = app::render_mail("refund_decided", {{"serial", "G-1"}, {"rejected", "yes"}}, "", "en");
  EXPECT_EQ(en.subject, "Your refund request for G-1 was rejected");
  // A language nobody ships (or with this template missing): the whole mail in English.
  const auto pt = app::render_mail("ticket_issued", vars, "", "pt");
  EXPECT_EQ(pt.locale, "en");
  EXPECT_EQ(pt.subject, "Your ticket for Gala: G-1");
  EXPECT_NE(pt.html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_EQ(app::render_mail("ticket_issued", vars, "", "../de").locale, "en") << "never a path";
}

TEST(MailLocales, ThePrintedTicketsWordsPerLanguage) {
  EXPECT_EQ(app::ticket_pdf_texts("de").not_valid, "KEIN GÜLTIGES TICKET FÜR DEN EINLASS");
  EXPECT_EQ(app::ticket_pdf_texts("fr").heading, "BILLET");
  EXPECT_EQ(app::ticket_pdf_texts("es").heading, "ENTRADA");
  EXPECT_EQ(app::ticket_pdf_texts("it").heading, "TICKET") << "English for others";
  EXPECT_EQ(app::ticket_status_word("void", "de"), "storniert");
  EXPECT_EQ(app::ticket_status_word("void", "en"), "void");
  EXPECT_EQ(app::ticket_pdf_texts("fr").claim_code, "Code de rattachement\u202f: ") << "the code is printed after it";
  EXPECT_EQ(app::ticket_status_word("created", "es"), "no vendida");
  for (const auto locale : locale::kShipped) {
    const auto& w = app::ticket_pdf_texts(locale);
    for (const auto* text : {&w.heading, &w.entrance, &w.claim_code, &w.claim_private, &w.claim_how, &w.not_valid})
      EXPECT_FALSE(text->empty()) << locale;
  }
}
