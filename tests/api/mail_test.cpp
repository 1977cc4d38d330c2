// Ticket delivery (issue 10) against a real SMTP server (Debian's aiosmtpd), on both databases:
// what arrives, that the QR in it scans and the PDF names the serial, the mail server being away,
// and a crash between sending and recording.
#include <atomic>
#include <fstream>

#include "app/mail_sender.hpp"
#include "app/outbox.hpp"
#include "support/api_fixture.hpp"
#include "app/ops/metrics.hpp"
#include "support/qr_decode.hpp"
#include "support/run_command.hpp"
#include "support/smtp_sink.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class MailDelivery : public ApiFixture {
 protected:
  unsigned short smtp_port = unused_port();
  std::string mail_root = temp_dir();
  std::unique_ptr<SmtpSink> sink;

  void tune_config(app::Config& c) override {
    c.mail.smtp_url = "smtp://127.0.0.1:" + std::to_string(smtp_port);
    c.mail.from = "Box Office Zürich <tickets@example.org>";
    c.mail.public_url = "https://tickets.example.org";
    c.mail.retry_base_ms = 100;
    c.mail.retry_max_ms = 200;
    c.mail.attempt_lease_ms = 300;
    c.mail.poll_ms = 20;
  }
  void SetUp() override {
    ApiFixture::SetUp();
    sink = std::make_unique<SmtpSink>(smtp_port, mail_root + "/maildir");
  }
  void TearDown() override {
    sink.reset();
    ApiFixture::TearDown();
    std::filesystem::remove_all(mail_root);
  }

  store::outbox::Counts counts() { return app::outbox_counts(*ctx); }
  // Waits (bounded) for the sender thread to reach `sent` messages.
  bool wait_sent(std::int64_t sent, int seconds = 20) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
      if (counts().sent >= sent) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
  static std::string run(const std::string& command) { return run_command(command); }
  json::array received() {
    const auto parts = mail_root + "/parts";
    std::filesystem::create_directories(parts);
    return json::parse(run("/usr/bin/python3 " GATEPASS_TEST_SUPPORT_DIR "/mail_parts.py " + sink->maildir() + " " + parts))
        .as_array();
  }
  static std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
  }
  std::int64_t event_with_text() {
    return create_event_http({{"name", "Fête de la Musique"}, {"venue", "Théâtre"}, {"starts_at", "2026-06-21T18:00:00Z"},
                              {"mail_text", "Doors open at 17:30."}});
  }
};

TEST_P(MailDelivery, ApprovalMailsTheTicketWithAScannableQrAPdfAndAWorkingLink) {
  ASSERT_TRUE(sink->start()) << "aiosmtpd did not start (python3-aiosmtpd installed?)";
  app::MailSender sender(*ctx);
  const auto ev = event_with_text();
  auto reg = client->post_json("/api/register", {{"event_id", ev}, {"name", "Zoë Åström"}, {"email", "zoe@example.com"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  auto approved = client->post("/api/admin/approve/" + std::to_string(reg.json().at("id").as_int64()), admin_token);
  ASSERT_EQ(approved.status, 200);
  const auto ticket = approved.json().at("ticket").as_object();
  ASSERT_TRUE(wait_sent(2)) << "queued " << counts().queued << ", failed " << counts().failed;

  const auto mails = received();
  ASSERT_EQ(mails.size(), 2u) << "received, then the ticket: exactly one of each";
  const json::object* ticket_mail = nullptr;
  for (const auto& m : mails)
    if (m.at("subject").as_string().find("Your ticket") != json::string::npos) ticket_mail = &m.as_object();
  ASSERT_NE(ticket_mail, nullptr) << json::serialize(mails);
  EXPECT_EQ(ticket_mail->at("to").as_string(), "zoe@example.com");
  EXPECT_EQ(ticket_mail->at("to_name").as_string(), "Zoë Åström") << "non-ASCII names survive the headers";
  EXPECT_NE(ticket_mail->at("from").as_string().find("Zürich"), json::string::npos);
  EXPECT_NE(ticket_mail->at("subject").as_string().find(ticket.at("serial").as_string()), json::string::npos);
  EXPECT_NE(ticket_mail->at("text").as_string().find("Doors open at 17:30."), json::string::npos) << "the organiser's text";
  EXPECT_NE(ticket_mail->at("html").as_string().find("cid:ticket-qr"), json::string::npos);
  EXPECT_NE(ticket_mail->at("html").as_string().find("Théâtre"), json::string::npos) << "UTF-8 through quoted-printable";
  EXPECT_TRUE(ticket_mail->at("cid_image").as_bool());
  ASSERT_TRUE(ticket_mail->at("png").is_string());
  EXPECT_EQ(decode_qr_png(read_file(std::string(ticket_mail->at("png").as_string()))),
            std::optional<std::string>(ticket.at("qr_payload").as_string()))
      << "the QR in the mail is the ticket's code";
  ASSERT_TRUE(ticket_mail->at("pdf").is_string());
  EXPECT_NE(run("pdftotext -enc UTF-8 " + std::string(ticket_mail->at("pdf").as_string()) + " -").find(ticket.at("serial").as_string()),
            std::string::npos);

  // The link in the mail opens the ticket without an account; revoked, it does not.
  const std::string text(ticket_mail->at("text").as_string());
  const auto at = text.find("https://tickets.example.org/t/");
  ASSERT_NE(at, std::string::npos) << text;
  const auto token = text.substr(at + 30, text.find_first_of(" \r\n", at) - at - 30);
  auto page = client->get("/api/ticket-links/" + token);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json().at("qr_payload"), ticket.at("qr_payload"));
  EXPECT_EQ(client->get("/api/ticket-links/" + token + "/ticket.pdf").body.substr(0, 5), "%PDF-");
  EXPECT_EQ(client->get("/api/ticket-links/" + token + "x").status, 404);
  auto revoked = client->post("/api/tickets/" + std::string(ticket.at("serial").as_string()) + "/links/revoke", admin_token);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(client->get("/api/ticket-links/" + token).status, 404);
}

// Issue 24: a German browser registers; the registration stores `de` and both mails, the PDF
// included, are German, with the date written as German writes it.
TEST_P(MailDelivery, AGermanRegistrationGetsGermanMailAndAGermanPdf) {
  ASSERT_TRUE(sink->start()) << "aiosmtpd did not start (python3-aiosmtpd installed?)";
  app::MailSender sender(*ctx);
  const auto ev = event_with_text();
  auto reg = client->request("POST", "/api/register",
                             json::serialize(json::object{{"event_id", ev}, {"name", "Jana Weiß"}, {"email", "jana@example.com"}}),
                             {{"Content-Type", "application/json"}, {"Accept-Language", "de-AT, de;q=0.9, en;q=0.5"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto id = reg.json().at("id").as_int64();
  const auto listed = client->get("/api/admin/registrations?event_id=" + std::to_string(ev), admin_token).json();
  EXPECT_EQ(listed.at("items").at(0).at("locale").as_string(), "de") << "stored as used";
  auto approved = client->post("/api/admin/approve/" + std::to_string(id), admin_token);
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto serial = std::string(approved.json().at("ticket").at("serial").as_string());
  ASSERT_TRUE(wait_sent(2)) << "queued " << counts().queued << ", failed " << counts().failed;

  const auto mails = received();
  ASSERT_EQ(mails.size(), 2u);
  const json::object* received_mail = nullptr;
  const json::object* ticket_mail = nullptr;
  for (const auto& m : mails) {
    const std::string subject(m.at("subject").as_string());
    if (subject.find("Ihre Anmeldung für") != std::string::npos) received_mail = &m.as_object();
    if (subject.find("Ihr Ticket für") != std::string::npos) ticket_mail = &m.as_object();
  }
  ASSERT_NE(received_mail, nullptr) << json::serialize(mails);
  ASSERT_NE(ticket_mail, nullptr) << json::serialize(mails);
  const std::string text(ticket_mail->at("text").as_string());
  EXPECT_NE(text.find("Guten Tag Jana Weiß,"), std::string::npos) << text;
  EXPECT_NE(text.find("21. Juni 2026, 18:00 Uhr UTC"), std::string::npos) << text;
  EXPECT_NE(text.find("Doors open at 17:30."), std::string::npos) << "the organiser's own text stays as written";
  EXPECT_EQ(text.find("Hello"), std::string::npos) << text;
  EXPECT_NE(std::string(ticket_mail->at("html").as_string()).find("<html lang=\"de\">"), std::string::npos);
  const auto pdf = run("pdftotext -enc UTF-8 " + std::string(ticket_mail->at("pdf").as_string()) + " -");
  EXPECT_NE(pdf.find("Zeigen Sie diesen Code beim Einlass vor"), std::string::npos) << pdf;
  EXPECT_NE(pdf.find(serial), std::string::npos);

  // The PDF by URL: the ticket's stored language, or ?locale= when asked.
  const auto by_url = [&](const std::string& query) {
    const auto path = mail_root + "/t" + query.substr(query.find('=') + 1) + ".pdf";
    std::ofstream(path, std::ios::binary) << client->get("/api/tickets/" + serial + "/ticket.pdf" + query, admin_token).body;
    return run("pdftotext -enc UTF-8 " + path + " -");
  };
  EXPECT_NE(by_url("?locale=").find("Zeigen Sie diesen Code"), std::string::npos);
  EXPECT_NE(by_url("?locale=es-MX").find("Muestre este código en el acceso"), std::string::npos);
  EXPECT_NE(by_url("?locale=fr").find("Présentez ce code à l’entrée"), std::string::npos);
  EXPECT_NE(by_url("?locale=en").find("Show this code at the entrance"), std::string::npos);
}

TEST_P(MailDelivery, MessagesWaitWhileTheMailServerIsDownAndLeaveOnceWhenItReturns) {
  const auto ev = event_with_text();
  for (int i = 0; i < 3; ++i) {
    const auto id = register_http(ev, "Person " + std::to_string(i));
    ASSERT_EQ(client->post("/api/admin/approve/" + std::to_string(id), admin_token).status, 200);
  }
  const auto failures_before = app::metrics::registry().outbox_delivery_failures.value.load();
  app::MailSender sender(*ctx);
  // Nothing listens: every attempt fails and is rescheduled, nothing is lost.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto all = app::list_outbox(*ctx, std::nullopt, {200, 0}).items;
    if (std::all_of(all.begin(), all.end(), [](const auto& m) { return m.attempts >= 2; })) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto summary = client->get("/api/admin/outbox/summary", admin_token).json();
  EXPECT_EQ(summary.at("sent").as_int64(), 0);
  EXPECT_EQ(summary.at("queued").as_int64() + summary.at("sending").as_int64(), 6) << json::serialize(summary);
  auto queued_page = client->get("/api/admin/outbox?status=queued&limit=2", admin_token).json();
  // Messages move between queued and sending while the server is away: the total is a snapshot.
  EXPECT_GE(queued_page.at("total").as_int64(), static_cast<std::int64_t>(queued_page.at("items").as_array().size()));
  EXPECT_LE(queued_page.at("total").as_int64(), 6);
  auto listed = queued_page.at("items").as_array();
  ASSERT_FALSE(listed.empty());
  EXPECT_TRUE(listed[0].at("last_error").is_string()) << "the reason is kept";
  EXPECT_GE(listed[0].at("attempts").as_int64(), 2);

  ASSERT_TRUE(sink->start());
  ASSERT_TRUE(wait_sent(6)) << "after the server returns, everything goes out";
  EXPECT_EQ(received().size(), 6u) << "and nothing twice";
  // Every attempt but each message's last failed, and each failure was counted once for /metrics.
  std::uint64_t attempts = 0;
  for (const auto& m : app::list_outbox(*ctx, std::nullopt, {200, 0}).items) attempts += static_cast<std::uint64_t>(m.attempts);
  EXPECT_EQ(app::metrics::registry().outbox_delivery_failures.value.load() - failures_before, attempts - 6);
}

TEST_P(MailDelivery, ACrashBetweenSendingAndRecordingRepeatsAMessageAtMostOnce) {
  ASSERT_TRUE(sink->start());
  const auto ev = event_with_text();
  const auto id = register_http(ev, "Crash Test");
  // Only the ticket mail: the "received" one is taken out of the picture first.
  {
    app::MailSender warmup(*ctx);
    ASSERT_TRUE(wait_sent(1));
  }
  ASSERT_EQ(client->post("/api/admin/approve/" + std::to_string(id), admin_token).status, 200);
  std::atomic<int> crashes{0};
  {
    app::MailSender sender(*ctx, [&](Id) {
      if (crashes++ == 0) throw std::runtime_error("crash after SMTP accepted, before the row was marked");
    });
    ASSERT_TRUE(wait_sent(2));
  }
  EXPECT_EQ(crashes.load(), 2) << "one crash, then the requeued attempt";
  auto after = received();
  int ticket_mails = 0;
  for (const auto& m : after)
    if (m.at("subject").as_string().find("Your ticket") != json::string::npos) ++ticket_mails;
  EXPECT_EQ(ticket_mails, 2) << "delivered twice at most: once before the crash, once after";
  app::MailSender again(*ctx);
  EXPECT_EQ(again.deliver_due(), 0) << "and never a third time";
}

// Issue 23: several senders (several instances on PostgreSQL) claim the same queued messages at
// once; the claim is one conditional write (`... AND status = 'queued'`), so each message goes out
// exactly once, and a sent message is never claimed again.
TEST_P(MailDelivery, RacingSendersDeliverEachMessageOnce) {
  const auto ev = event_with_text();
  constexpr int kRegistrations = 12;
  for (int i = 0; i < kRegistrations; ++i) register_http(ev, "Racer " + std::to_string(i));
  ASSERT_EQ(counts().queued, kRegistrations);
  ASSERT_TRUE(sink->start());
  {
    // Four sender threads wake on the same due messages at the same moment.
    std::vector<std::unique_ptr<app::MailSender>> senders;
    for (int i = 0; i < 4; ++i) senders.push_back(std::make_unique<app::MailSender>(*ctx));
    for (auto& s : senders) s->nudge();
    ASSERT_TRUE(wait_sent(kRegistrations));
  }
  const auto mails = received();
  EXPECT_EQ(mails.size(), static_cast<std::size_t>(kRegistrations)) << "every message exactly once";
  for (int i = 0; i < kRegistrations; ++i) {
    const std::string greeting = "Hello Racer " + std::to_string(i) + ",";
    int seen = 0;
    for (const auto& m : mails) seen += std::string(m.at("text").as_string()).find(greeting) != std::string::npos;
    EXPECT_EQ(seen, 1) << greeting;
  }
  EXPECT_EQ(counts().sent, kRegistrations);

  // A sent message is never claimed again: neither by the claim itself nor by a later sender.
  const auto all = app::list_outbox(*ctx, std::nullopt, {200, 0}).items;
  ctx->db.write([&](store::Connection& c) {
    for (const auto& m : all) EXPECT_EQ(store::outbox::start_attempt(c, m.id, ctx->now()), 0) << m.id;
  });
  app::MailSender late(*ctx);
  EXPECT_EQ(late.deliver_due(), 0);
  EXPECT_EQ(received().size(), static_cast<std::size_t>(kRegistrations));
  for (const auto& m : app::list_outbox(*ctx, std::nullopt, {200, 0}).items) EXPECT_EQ(m.attempts, 1) << m.id;
}

TEST_P(MailDelivery, ResendAndRetryAreAdminOnlyAndAudited) {
  const auto ev = event_with_text();
  const auto ticket = issued_ticket(ev);
  const auto viewer = token_for_new_user("watcher", "viewer");
  const auto serial = str(ticket, "serial");
  EXPECT_EQ(client->post("/api/tickets/" + serial + "/resend", viewer).status, 403);
  EXPECT_EQ(client->get("/api/admin/outbox", viewer).status, 403);
  EXPECT_EQ(client->post("/api/tickets/" + serial + "/resend", admin_token).status, 202);
  EXPECT_EQ(counts().queued, 3) << "received, issued, resent";
  auto msgs = client->get("/api/admin/outbox", admin_token).json().at("items").as_array();
  const auto first = std::to_string(msgs.back().at("id").as_int64());
  EXPECT_EQ(client->post("/api/admin/outbox/" + first + "/retry", admin_token).status, 200);
  EXPECT_EQ(client->post("/api/admin/outbox/999999/retry", admin_token).status, 404);
  auto summary = client->get("/api/admin/outbox/summary", viewer).json();
  EXPECT_TRUE(summary.at("smtp_configured").as_bool());
}

INSTANTIATE_TEST_SUITE_P(Backends, MailDelivery, ::testing::ValuesIn(backends()), backend_name);
