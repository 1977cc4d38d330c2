// The printable ticket (issue 10, item 3): a real PDF whose text names the ticket and whose QR,
// rasterised as a printer would, decodes to the signed payload. Checked with poppler's tools.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <cstdio>
#include <fstream>

#include "support/api_fixture.hpp"
#include "support/qr_decode.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;

namespace {
// Runs a shell command and returns what it printed (the tests' inputs are our own temp files).
std::string run(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (auto n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return out;
}
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

class TicketPdf : public ApiFixture {};

TEST_P(TicketPdf, APrintableTicketWithTheSerialHolderAndAScannableQr) {
  const auto ev = create_event_http({{"name", "Sommerfest Zürich"}, {"venue", "Halle 622"},
                                     {"starts_at", "2026-07-04T18:30:00Z"}, {"serial_prefix", "SOMMER"}});
  auto reg = client->post_json("/api/register", {{"event_id", ev}, {"name", "Zoë Åström"}, {"email", "zoe@example.com"},
                                                 {"team_name", "Die Frühaufsteher"}});
  ASSERT_EQ(reg.status, 201);
  const auto ticket = client->post("/api/admin/approve/" + std::to_string(reg.json().at("id").as_int64()), admin_token)
                          .json().at("ticket").as_object();
  const auto serial = str(ticket, "serial");

  for (const std::string paper : {"a4", "letter"}) {
    auto pdf = client->get("/api/tickets/" + serial + "/ticket.pdf?paper=" + paper, admin_token);
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    ASSERT_TRUE(pdf.body.starts_with("%PDF-"));
    const auto path = data_dir + "/ticket-" + paper + ".pdf";
    std::ofstream(path, std::ios::binary) << pdf.body;

    const auto info = run("pdfinfo " + path);
    const auto pages_at = info.find("Pages:");
    ASSERT_NE(pages_at, std::string::npos) << info;
    EXPECT_EQ(std::stoi(info.substr(pages_at + 6)), 1) << info;
    EXPECT_NE(info.find(paper == "a4" ? "595.276 x 841.89" : "612 x 792"), std::string::npos) << info;

    const auto text = run("pdftotext -enc UTF-8 " + path + " -");
    for (const std::string expected : {serial, std::string("Zoë Åström"), std::string("Sommerfest Zürich"),
                                       std::string("Halle 622"), std::string("4 July 2026, 18:30 UTC"),
                                       std::string("Die Frühaufsteher")})
      EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in:\n" << text;
    EXPECT_EQ(text.find("NOT VALID"), std::string::npos);

    // Printed at 150 dpi, the entry QR decodes to exactly the signed payload, and the small one
    // beside it to the claim code, which is also printed as text (no account holds the ticket yet).
    const auto claim_code = str(client->get("/api/tickets/" + serial, admin_token).json(), "claim_code");
    EXPECT_NE(text.find("Claim code: " + claim_code), std::string::npos) << text;
    run("pdftoppm -png -r 150 -singlefile " + path + " " + data_dir + "/page-" + paper);
    auto codes = decode_all_qr_png(read_file(data_dir + "/page-" + paper + ".png"));
    std::sort(codes.begin(), codes.end());
    std::vector<std::string> expected{str(ticket, "qr_payload"), claim_code};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(codes, expected);
  }

  // A void ticket's PDF says so in print.
  ASSERT_EQ(client->post_json("/api/admin/tickets/" + serial + "/void", {{"reason", "test"}}, admin_token).status, 200);
  auto voided = client->get("/api/tickets/" + serial + "/ticket.pdf", admin_token);
  const auto path = data_dir + "/void.pdf";
  std::ofstream(path, std::ios::binary) << voided.body;
  EXPECT_NE(run("pdftotext " + path + " -").find("NOT VALID FOR ENTRY (void)"), std::string::npos);
}

TEST_P(TicketPdf, OnlyAdminsGetItAndBadInputIsA4xx) {
  const auto ev = create_event_http({{"name", "E"}});
  const auto serial = str(issued_ticket(ev), "serial");
  const auto scanner = token_for_new_user("gate1", "scanner");
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/ticket.pdf").status, 401);
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/ticket.pdf", scanner).status, 403);
  EXPECT_EQ(client->get("/api/tickets/NOPE-000001/ticket.pdf", admin_token).status, 404);
  auto paper = client->get("/api/tickets/" + serial + "/ticket.pdf?paper=a3", admin_token);
  EXPECT_EQ(paper.status, 400);
  EXPECT_TRUE(paper.json().at("error").at("fields").as_object().contains("paper"));
}

// Issue 18, finding 6: the holder's PDF is rendered from the row that was authorised. A transfer
// accepted between the check and the rendering must not hand the sender the recipient's ticket
// (name and new code). Holders fetch their PDF while the ticket goes back and forth between them.
TEST_P(TicketPdf, AHolderNeverGetsThePdfOfATicketTransferredAwayMeanwhile) {
  const auto ev = create_event_http({{"name", "Relay"}, {"serial_prefix", "RLY"}});
  auto type = client->post_json("/api/events/" + std::to_string(ev) + "/ticket-types", {{"name", "GA"}, {"price", "10"}}, admin_token);
  const auto type_id = type.json().at("id").as_int64();
  client->post_json("/api/events/" + std::to_string(ev) + "/tickets/generate", {{"count", 1}, {"ticket_type_id", type_id}}, admin_token);
  ctx->jobs.wait_idle();
  std::map<std::string, std::string> token;
  for (const std::string name : {"ann", "ben"}) {
    auto r = client->post_json("/api/auth/register", {{"username", name}, {"password", "password-of-" + name},
                                                      {"email", name + "@example.com"}, {"name", "Holder " + name}});
    ASSERT_EQ(r.status, 201) << r.body;
    verify_email(name + "@example.com");
    token[name] = str(r.json(), "access_token");
  }
  auto sale = client->post_json("/api/events/" + std::to_string(ev) + "/sell",
                                {{"ticket_type_id", type_id}, {"buyer_name", "Holder ann"}, {"buyer_email", "ann@example.com"},
                                 {"quantity", 1}, {"holder_username", "ann"}},
                                admin_token);
  ASSERT_EQ(sale.status, 201) << sale.body;
  const auto serial = str(sale.json().at("tickets").at(0), "serial");

  // Fetchers ask for the sender's PDF in a tight loop until the accept has answered; the answers
  // whose request overlapped the accept are the ones a second read would get wrong, so those are
  // read back with pdftotext (a few dozen, not hundreds).
  using Clock = std::chrono::steady_clock;
  int overlapping = 0, wrong = 0;
  std::string holder = "ann";
  for (int round = 0; round < 5; ++round) {  // 5 offers a day per ticket (the limit)
    const std::string from = holder, to = holder == "ann" ? "ben" : "ann";
    auto offer = client->post_json("/api/transfers", {{"serial", serial}, {"to_username", to}}, token[from]);
    ASSERT_EQ(offer.status, 201) << offer.body;
    const auto id = std::to_string(offer.json().at("id").as_int64());
    std::atomic<bool> accepted{false};
    Clock::time_point accept_start, accept_end;
    struct Fetch {
      Clock::time_point start, end;
      HttpResult r;
    };
    std::vector<std::vector<Fetch>> fetched(5);
    race(5, [&](int i) {
      HttpClient own(port);
      if (i == 0) {
        accept_start = Clock::now();
        EXPECT_EQ(own.post("/api/transfers/" + id + "/accept", token[to]).status, 200);
        accept_end = Clock::now();
        accepted = true;
        return;
      }
      for (int n = 0; n < 400 && !accepted; ++n) {
        Fetch f;
        f.start = Clock::now();
        f.r = own.get("/api/tickets/" + serial + "/ticket.pdf", token[from]);
        f.end = Clock::now();
        fetched[i].push_back(std::move(f));
      }
    });
    for (const auto& list : fetched)
      for (const auto& f : list) {
        if (f.r.status == 404 || f.end < accept_start || f.start > accept_end) continue;
        ASSERT_EQ(f.r.status, 200) << f.r.body;
        const auto path = data_dir + "/race.pdf";
        std::ofstream(path, std::ios::binary | std::ios::trunc) << f.r.body;
        ++overlapping;
        if (run("pdftotext -enc UTF-8 " + path + " -").find("Holder " + from) == std::string::npos) ++wrong;
      }
    holder = to;
  }
  EXPECT_GT(overlapping, 0) << "no PDF request overlapped an accept: the test raced nothing";
  EXPECT_EQ(wrong, 0) << "a PDF authorised for the sender showed the recipient's ticket";
}

INSTANTIATE_TEST_SUITE_P(Backends, TicketPdf, ::testing::ValuesIn(backends()), backend_name);
