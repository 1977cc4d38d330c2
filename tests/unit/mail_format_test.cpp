// Templates and mail headers: what a stranger's name or an organiser's text can and cannot do.
#include <gtest/gtest.h>

#include <sodium.h>

#include "app/mail_templates.hpp"
#include "domain/mail_format.hpp"

using namespace gatepass;

TEST(MailFormat, TemplatesFillVariablesAndOptionalSections) {
  const mail::Vars vars{{"name", "Ann"}, {"reason", ""}, {"venue", "Hall <1>"}};
  EXPECT_EQ(mail::render("Hi {{name}}{{#reason}}, because {{reason}}{{/reason}}.", vars, mail::Escape::none), "Hi Ann.");
  EXPECT_EQ(mail::render("{{#venue}}at {{venue}}{{/venue}}", vars, mail::Escape::html), "at Hall &lt;1&gt;");
  EXPECT_EQ(mail::render("{{missing}}|{{ unterminated", vars, mail::Escape::none), "|{{ unterminated");
}

TEST(MailFormat, HeadersNeverCarryRawBytesOrLineBreaks) {
  EXPECT_EQ(mail::encode_header("Your ticket"), "Your ticket");
  const auto injected = mail::encode_header("Hi\r\nBcc: victim@example.com");
  EXPECT_EQ(injected.find("\r\nBcc"), std::string::npos) << injected;
  EXPECT_TRUE(injected.starts_with("=?UTF-8?B?"));
  // A long non-ASCII subject is split into words of at most 75 characters, between characters.
  std::string long_name;
  for (int i = 0; i < 40; ++i) long_name += "Zoë ";
  const auto encoded = mail::encode_header(long_name);
  std::size_t start = 0;
  std::string decoded;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    const auto word = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(word.size(), 75u);
    const auto b64 = word.substr(10, word.size() - 12);
    std::string bytes(b64.size(), '\0');
    std::size_t len = 0;
    ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), b64.data(), b64.size(), nullptr,
                                &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
              0);
    bytes.resize(len);
    EXPECT_NE(static_cast<unsigned char>(bytes[0]) & 0xC0, 0x80) << "no word starts inside a character";
    decoded += bytes;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_EQ(decoded, long_name);
  EXPECT_EQ(mail::format_address("Ann \"A\" Lee", "ann@example.com"), "\"Ann \\\"A\\\" Lee\" <ann@example.com>");
  EXPECT_EQ(mail::format_address("", "ann@example.com"), "<ann@example.com>");
}

TEST(MailTemplates, EveryKindRendersWithSubjectTextAndHtml) {
  for (const char* kind : {"registration_received", "registration_declined", "ticket_issued", "ticket_sold",
                           "transfer_offered", "transfer_accepted", "refund_decided", "ticket_voided", "ticket_claimed",
                           "ticket_reissued"}) {
    const auto m = app::render_mail(kind, {{"event_name", "Fest"}, {"name", "<Ann>"}, {"serial", "EVT-000001"}});
    EXPECT_FALSE(m.subject.empty()) << kind;
    EXPECT_EQ(m.subject.find("{{"), std::string::npos) << kind;
    EXPECT_NE(m.text.find("Fest"), std::string::npos) << kind;
    EXPECT_EQ(m.html.find("<Ann>"), std::string::npos) << kind << ": names are escaped in HTML";
  }
  EXPECT_THROW(app::render_mail("no_such_kind", {}), std::runtime_error);
}

TEST(MailTemplates, AccountMailsCarryTheirLinkAndNoEventText) {
  const std::map<std::string, std::string> link_of{{"verify_email", "verify_url"}, {"password_reset", "reset_url"},
                                                   {"account_exists", "reset_url"}};
  for (const auto& [kind, var] : link_of) {
    const auto m = app::render_mail(kind, {{"name", "<Ann>"}, {"username", "ann"}, {var, "https://x.test/#token=abc"},
                                           {"app_url", "https://x.test/my"}});
    EXPECT_FALSE(m.subject.empty()) << kind;
    EXPECT_EQ(m.subject.find("{{"), std::string::npos) << kind;
    EXPECT_NE(m.text.find("https://x.test/#token=abc"), std::string::npos) << kind;
    EXPECT_EQ(m.html.find("<Ann>"), std::string::npos) << kind;
    EXPECT_EQ(m.text.find("Gatepass · "), std::string::npos) << kind << ": no dangling separator without an event";
  }
}

TEST(MailTemplates, ATransferOfferCarriesNoSenderText) {
  // Sender-chosen words (username, notes) must not reach a stranger's inbox (issue 18, finding 3).
  const auto m = app::render_mail("transfer_offered", {{"event_name", "Fest"}, {"serial", "EVT-000001"},
                                                       {"from_username", "FREE-MONEY-CLICK"}, {"notes", "evil.example"}});
  for (const auto* part : {&m.subject, &m.text, &m.html}) {
    EXPECT_EQ(part->find("FREE-MONEY-CLICK"), std::string::npos);
    EXPECT_EQ(part->find("evil.example"), std::string::npos);
  }
}
