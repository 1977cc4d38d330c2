// The printable ticket (issue 10, item 3): a real PDF whose text names the ticket and whose QR,
// rasterised as a printer would, decodes to the signed payload. Checked with poppler's tools.
#include <cstdio>
#include <fstream>

#include "support/api_fixture.hpp"
#include "support/qr_decode.hpp"

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
                                       std::string("Halle 622"), std::string("2026-07-04 18:30 UTC"),
                                       std::string("Die Frühaufsteher")})
      EXPECT_NE(text.find(expected), std::string::npos) << "missing '" << expected << "' in:\n" << text;
    EXPECT_EQ(text.find("NOT VALID"), std::string::npos);

    // Printed at 150 dpi, the QR decodes to exactly the signed payload.
    run("pdftoppm -png -r 150 -singlefile " + path + " " + data_dir + "/page-" + paper);
    EXPECT_EQ(decode_qr_png(read_file(data_dir + "/page-" + paper + ".png")), str(ticket, "qr_payload"));
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

INSTANTIATE_TEST_SUITE_P(Backends, TicketPdf, ::testing::ValuesIn(backends()), backend_name);
