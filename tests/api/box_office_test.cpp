// The box office (issue 7) over real HTTP on both databases: ticket types and quotas, bulk
// generation, sales, holder accounts, claims, refunds, transfers and what the gate says about each.
#include <atomic>

#include "app/generate_tickets.hpp"
#include "app/jobs.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class BoxOffice : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  std::string scanner;

  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Stadium Night"}, {"serial_prefix", "STD26"}, {"currency", "CHF"}});
    scanner = token_for_new_user("gate1", "scanner");
  }

  std::string event_path(const std::string& rest) { return "/api/events/" + std::to_string(event_id) + rest; }

  std::int64_t create_type(const std::string& name, const std::string& price, std::optional<std::int64_t> quota) {
    json::object body{{"name", name}, {"price", price}};
    body["quota"] = quota ? json::value(*quota) : json::value(nullptr);
    auto r = client->post_json(event_path("/ticket-types"), body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().at("id").as_int64();
  }

  // Starts a generation and waits for the job runner to finish it; returns the job.
  json::object generate(std::int64_t type_id, std::int64_t count) {
    auto r = client->post_json(event_path("/tickets/generate"), {{"count", count}, {"ticket_type_id", type_id}}, admin_token);
    EXPECT_EQ(r.status, 202) << r.body;
    ctx->jobs.wait_idle();
    auto job = client->get("/api/jobs/" + std::to_string(r.json().at("id").as_int64()), admin_token);
    EXPECT_EQ(job.status, 200) << job.body;
    return job.json().as_object();
  }

  json::object sell(std::int64_t type_id, std::int64_t quantity, const std::string& holder = "") {
    json::object body{{"ticket_type_id", type_id}, {"buyer_name", "Bea Buyer"}, {"buyer_email", "bea@example.com"},
                      {"quantity", quantity}};
    if (!holder.empty()) body["holder_username"] = holder;
    auto r = client->post_json(event_path("/sell"), body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }

  std::string signup(const std::string& username) {
    auto r = client->post_json("/api/auth/register", {{"username", username},
                                                      {"password", "password-of-" + username},
                                                      {"email", username + "@example.com"},
                                                      {"name", "Holder " + username}});
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("user").at("role").as_string(), "attendee");
    verify_email(username + "@example.com");  // claims and accepted transfers need a verified address
    return str(r.json(), "access_token");
  }

  json::array my_tickets(const std::string& token) {
    auto r = client->get("/api/me/tickets", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }

  // (serial, payload) of the generated tickets, from the batch export.
  std::vector<std::pair<std::string, std::string>> batch_codes(std::int64_t batch_id) {
    auto r = client->get("/api/batches/" + std::to_string(batch_id) + "/export.csv", admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t pos = r.body.find("\r\n") + 2;  // after the header
    while (pos < r.body.size()) {
      const auto end = r.body.find("\r\n", pos);
      const auto line = r.body.substr(pos, end - pos);
      const auto comma = line.find(',');
      out.emplace_back(line.substr(0, comma), line.substr(comma + 1));
      pos = end + 2;
    }
    return out;
  }

  HttpResult gate_admit(const std::string& code) {
    return client->post("/api/mark-used/" + url_encode(code) + "?event_id=" + std::to_string(event_id), scanner);
  }
  static std::string error_code(const HttpResult& r) { return std::string(r.json().at("error").at("code").as_string()); }
};

TEST_P(BoxOffice, GenerationMakesUnsoldSignedTicketsThatTheGateRefusesUntilSold) {
  const auto type = create_type("Standing", "49.90", 100);
  const auto job = generate(type, 40);
  ASSERT_EQ(job.at("status").as_string(), "done") << json::serialize(job);
  EXPECT_EQ(job.at("done").as_int64(), 40);
  const auto batch = job.at("result").at("batch_id").as_int64();
  EXPECT_EQ(job.at("result").at("first_serial").as_string(), "STD26-000001");
  EXPECT_EQ(job.at("result").at("last_serial").as_string(), "STD26-000040");

  const auto codes = batch_codes(batch);
  ASSERT_EQ(codes.size(), 40u);
  std::set<std::string> distinct;
  for (const auto& [serial, payload] : codes) distinct.insert(payload);
  EXPECT_EQ(distinct.size(), 40u) << "every ticket has its own signed payload";

  auto types = client->get(event_path("/ticket-types"), admin_token).json().at("items").as_array();
  ASSERT_EQ(types.size(), 1u);
  EXPECT_EQ(types[0].at("generated").as_int64(), 40);
  EXPECT_EQ(types[0].at("available").as_int64(), 40);
  EXPECT_EQ(types[0].at("currency").as_string(), "CHF");

  // Unsold: the gate says so (verify and admit), with 409 not_sold.
  auto verify = client->get("/api/verify-ticket/" + url_encode(codes[0].second) + "?event_id=" + std::to_string(event_id), scanner);
  EXPECT_EQ(verify.status, 409) << verify.body;
  EXPECT_EQ(error_code(verify), "not_sold");
  auto admit = gate_admit(codes[0].second);
  EXPECT_EQ(admit.status, 409);
  EXPECT_EQ(error_code(admit), "not_sold");

  // Sold by serial: then admitted once.
  auto sold = client->post_json("/api/tickets/" + codes[0].first + "/sell",
                                {{"buyer_name", "Carl"}, {"buyer_email", "carl@example.com"}}, admin_token);
  ASSERT_EQ(sold.status, 200) << sold.body;
  EXPECT_EQ(sold.json().at("unit_price").as_string(), "49.90");
  EXPECT_EQ(client->post_json("/api/tickets/" + codes[0].first + "/sell",
                              {{"buyer_name", "Carl"}, {"buyer_email", "carl@example.com"}}, admin_token)
                .status,
            409)
      << "a sold ticket is not sold twice";
  EXPECT_EQ(gate_admit(codes[0].second).status, 200);
  EXPECT_EQ(error_code(gate_admit(codes[0].second)), "already_used");

  // The list filters by status; the history tells the story.
  auto created = client->get(event_path("/tickets?status=created&limit=5"), admin_token);
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.json().at("total").as_int64(), 39);
  auto found = client->get(event_path("/tickets?q=carl"), admin_token).json();
  ASSERT_EQ(found.at("items").as_array().size(), 1u);
  auto history = client->get("/api/tickets/" + codes[0].first + "/history", admin_token);
  ASSERT_EQ(history.status, 200) << history.body;
  const auto events = history.json().at("items").as_array();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].at("action").as_string(), "sold");
  EXPECT_EQ(events[1].at("action").as_string(), "admitted");

  // A voided unsold ticket (a lost printed sheet) is neither sold nor available, and never admitted.
  ASSERT_EQ(client->post_json("/api/admin/tickets/" + codes[1].first + "/void", {{"reason", "sheet lost"}}, admin_token).status, 200);
  EXPECT_EQ(error_code(gate_admit(codes[1].second)), "void");
  auto after = client->get(event_path("/ticket-types"), admin_token).json().at("items").as_array();
  EXPECT_EQ(after[0].at("sold").as_int64(), 1);
  EXPECT_EQ(after[0].at("available").as_int64(), 38);

  // A printable sheet of the batch is a real PDF.
  auto sheet = client->get("/api/batches/" + std::to_string(batch) + "/sheet.pdf?limit=13", admin_token);
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.substr(0, 5), "%PDF-");
}

TEST_P(BoxOffice, QuotaHoldsWhenGenerationsRace) {
  const auto type = create_type("VIP", "120", 10);
  std::atomic<int> accepted{0}, refused{0};
  race(16, [&](int) {
    HttpClient c(port);
    auto r = c.post_json(event_path("/tickets/generate"), {{"count", 1}, {"ticket_type_id", type}}, admin_token);
    if (r.status == 202) ++accepted;
    else if (r.status == 409 && error_code(r) == "quota_exceeded") ++refused;
  });
  ctx->jobs.wait_idle();
  EXPECT_EQ(accepted.load(), 10);
  EXPECT_EQ(refused.load(), 6);
  EXPECT_EQ(client->get(event_path("/tickets?ticket_type_id=" + std::to_string(type)), admin_token).json().at("total").as_int64(), 10);
  auto over = client->post_json(event_path("/tickets/generate"), {{"count", 1}, {"ticket_type_id", type}}, admin_token);
  EXPECT_EQ(over.status, 409);
  // The event's capacity bounds all types together.
  auto capped = create_event_http({{"name", "Small"}, {"capacity", 5}});
  auto t2 = client->post_json("/api/events/" + std::to_string(capped) + "/ticket-types", {{"name", "A"}, {"price", "1"}}, admin_token);
  auto big = client->post_json("/api/events/" + std::to_string(capped) + "/tickets/generate",
                               {{"count", 6}, {"ticket_type_id", t2.json().at("id").as_int64()}}, admin_token);
  EXPECT_EQ(big.status, 409);
  EXPECT_EQ(error_code(big), "quota_exceeded");
}

TEST_P(BoxOffice, RacingSalesNeverGetTheSameTicket) {
  const auto type = create_type("Seat", "10.00", std::nullopt);
  generate(type, 12);
  std::atomic<int> ok{0}, sold_out{0};
  std::mutex m;
  std::set<std::string> serials;
  race(20, [&](int) {
    HttpClient c(port);
    auto r = c.post_json(event_path("/sell"), {{"ticket_type_id", type}, {"buyer_name", "B"}, {"buyer_email", "b@example.com"},
                                               {"quantity", 1}}, admin_token);
    if (r.status == 201) {
      ++ok;
      std::lock_guard lock(m);
      serials.insert(std::string(r.json().at("tickets").at(0).at("serial").as_string()));
    } else if (r.status == 409 && error_code(r) == "sold_out") {
      ++sold_out;
    }
  });
  EXPECT_EQ(ok.load(), 12);
  EXPECT_EQ(sold_out.load(), 8);
  EXPECT_EQ(serials.size(), 12u) << "no two sales got the same ticket";
  auto types = client->get(event_path("/ticket-types"), admin_token).json().at("items").as_array();
  EXPECT_EQ(types[0].at("sold").as_int64(), 12);

  // Two buyers racing for the very last ticket: exactly one gets it.
  generate(type, 1);
  std::atomic<int> winners{0};
  race(2, [&](int) {
    HttpClient c(port);
    auto r = c.post_json(event_path("/sell"), {{"ticket_type_id", type}, {"buyer_name", "B"}, {"buyer_email", "b@example.com"},
                                               {"quantity", 1}}, admin_token);
    if (r.status == 201) ++winners;
  });
  EXPECT_EQ(winners.load(), 1);
  auto totals = client->post_json(event_path("/sell"), {{"ticket_type_id", type}, {"buyer_name", "B"},
                                                        {"buyer_email", "b@example.com"}, {"quantity", 1}}, admin_token);
  EXPECT_EQ(totals.status, 409);
}

TEST_P(BoxOffice, HolderClaimsTransfersAndTheOldCodeIsSuperseded) {
  const auto type = create_type("GA", "30", std::nullopt);
  const auto job = generate(type, 3);
  const auto codes = batch_codes(job.at("result").at("batch_id").as_int64());
  const auto sale = sell(type, 1);
  const std::string serial(sale.at("tickets").at(0).at("serial").as_string());
  std::string old_code;
  for (const auto& [s, p] : codes)
    if (s == serial) old_code = p;
  ASSERT_FALSE(old_code.empty());

  const auto ann = signup("ann");
  const auto ben = signup("ben");
  EXPECT_TRUE(my_tickets(ann).empty());
  // The QR text alone claims nothing; the claim code printed beside it does (spaces and case ignored).
  const auto claim_code = str(client->get("/api/tickets/" + serial, admin_token).json(), "claim_code");
  auto qr_only = client->post_json("/api/me/tickets/claim", {{"code", old_code}}, ann);
  EXPECT_EQ(qr_only.status, 400) << qr_only.body;
  EXPECT_TRUE(qr_only.json().at("error").at("fields").as_object().contains("claim_code"));
  auto bad_claim = client->post_json("/api/me/tickets/claim", {{"claim_code", serial + "-AAAA-AAAA-AAAA"}}, ann);
  EXPECT_EQ(bad_claim.status, 404) << bad_claim.body;
  EXPECT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", "nonsense"}}, ann).status, 400);
  std::string typed = claim_code;
  for (auto& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto claimed = client->post_json("/api/me/tickets/claim", {{"claim_code", " " + typed + "\r\n"}}, ann);
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(claimed.json().at("qr_payload").as_string(), old_code) << "claiming does not change the code";
  ASSERT_EQ(my_tickets(ann).size(), 1u);
  auto stolen = client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code}}, ben);
  EXPECT_EQ(stolen.status, 409);
  EXPECT_EQ(error_code(stolen), "already_claimed");
  // The purchaser is kept and told.
  const auto staff_view = client->get("/api/tickets/" + serial, admin_token).json();
  EXPECT_EQ(staff_view.at("purchaser_email").as_string(), "bea@example.com");
  EXPECT_EQ(staff_view.at("holder_username").as_string(), "ann");
  EXPECT_EQ(mailed("ticket_claimed", "bea@example.com").size(), 1u);

  // A claimed ticket cools off before it can be sent on, unless an admin allows it.
  auto cooling = client->post_json("/api/transfers", {{"serial", serial}, {"to_username", "ben"}}, ann);
  EXPECT_EQ(cooling.status, 409) << cooling.body;
  EXPECT_EQ(error_code(cooling), "cooling_off");
  EXPECT_TRUE(cooling.json().at("error").at("fields").as_object().contains("until")) << cooling.body;
  ASSERT_EQ(client->post_json("/api/admin/tickets/" + serial + "/allow-transfer", {{"reason", "known customer"}}, admin_token)
                .status,
            200);

  // Ann sends it to Ben; Ben sees it pending and accepts.
  auto offer = client->post_json("/api/transfers", {{"serial", serial}, {"to_username", "ben"}}, ann);
  ASSERT_EQ(offer.status, 201) << offer.body;
  EXPECT_EQ(error_code(client->post_json("/api/transfers", {{"serial", serial}, {"to_username", "ben"}}, ann)), "transfer_open");
  auto pending = client->get("/api/transfers/pending", ben).json().at("items").as_array();
  ASSERT_EQ(pending.size(), 1u);
  const auto transfer_id = pending[0].at("id").as_int64();
  EXPECT_EQ(client->post("/api/transfers/" + std::to_string(transfer_id) + "/accept", ann).status, 404)
      << "only the recipient accepts";
  auto accepted = client->post("/api/transfers/" + std::to_string(transfer_id) + "/accept", ben);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const std::string new_code(accepted.json().at("ticket").at("qr_payload").as_string());
  EXPECT_NE(new_code, old_code);
  EXPECT_TRUE(my_tickets(ann).empty());
  ASSERT_EQ(my_tickets(ben).size(), 1u);
  EXPECT_EQ(my_tickets(ben)[0].at("qr_payload").as_string(), new_code);

  // The gate: the old code is superseded (verify and admit), the new one admits once.
  auto old_verify = client->get("/api/verify-ticket/" + url_encode(old_code), scanner);
  EXPECT_EQ(old_verify.status, 409) << old_verify.body;
  EXPECT_EQ(error_code(old_verify), "superseded");
  auto old_admit = gate_admit(old_code);
  EXPECT_EQ(old_admit.status, 409);
  EXPECT_EQ(error_code(old_admit), "superseded");
  auto new_admit = gate_admit(new_code);
  ASSERT_EQ(new_admit.status, 200) << new_admit.body;
  EXPECT_EQ(new_admit.json().at("name").as_string(), "Holder ben");
  EXPECT_EQ(error_code(gate_admit(new_code)), "already_used");
  // A used ticket can be neither sent on nor refunded.
  EXPECT_EQ(error_code(client->post_json("/api/transfers", {{"serial", serial}, {"to_username", "ann"}}, ben)), "already_used");
  EXPECT_EQ(error_code(client->post_json("/api/refunds", {{"serial", serial}, {"reason", "late"}}, ben)), "refund_closed");

  auto history = client->get("/api/tickets/" + serial + "/history", admin_token).json().at("items").as_array();
  bool saw_transfer = false;
  for (const auto& e : history)
    if (e.at("action") == "transferred") {
      saw_transfer = true;
      EXPECT_EQ(e.at("from_holder").as_string(), "ann");
      EXPECT_EQ(e.at("to_holder").as_string(), "ben");
      EXPECT_EQ(e.at("old_code_id").as_int64(), 1);
      EXPECT_EQ(e.at("new_code_id").as_int64(), 2);
    }
  EXPECT_TRUE(saw_transfer);

  // The staff lists of transfers and sales (their answers are checked against the API document).
  const auto transfers = client->get("/api/transfers?status=accepted", admin_token);
  ASSERT_EQ(transfers.status, 200) << transfers.body;
  const auto transfer_items = transfers.json().at("items").as_array();
  ASSERT_EQ(transfer_items.size(), 1u);
  EXPECT_EQ(transfer_items[0].at("id").as_int64(), transfer_id);
  const auto sales = client->get(event_path("/sales"), admin_token);
  ASSERT_EQ(sales.status, 200) << sales.body;
  EXPECT_EQ(sales.json().at("items").as_array().size(), 1u);
}

TEST_P(BoxOffice, ApprovedRefundIsRefusedAtTheGate) {
  const auto type = create_type("GA", "30.00", std::nullopt);
  generate(type, 2);
  const auto holder = signup("rita");
  const auto sale = sell(type, 1, "rita");
  const std::string serial(sale.at("tickets").at(0).at("serial").as_string());
  const auto mine = my_tickets(holder);
  ASSERT_EQ(mine.size(), 1u);
  const std::string code(mine[0].at("qr_payload").as_string());

  auto req = client->post_json("/api/refunds", {{"serial", serial}, {"reason", "cannot come"}}, holder);
  ASSERT_EQ(req.status, 201) << req.body;
  EXPECT_EQ(req.json().at("amount").as_string(), "30.00");
  EXPECT_EQ(error_code(client->post_json("/api/refunds", {{"serial", serial}, {"reason", "again"}}, holder)), "refund_open");
  const auto id = std::to_string(req.json().at("id").as_int64());
  EXPECT_EQ(client->post("/api/refunds/" + id + "/complete", admin_token).status, 409) << "approve first";
  auto queue = client->get("/api/refunds?status=pending", admin_token).json().at("items").as_array();
  ASSERT_EQ(queue.size(), 1u);
  auto approved = client->post_json("/api/refunds/" + id + "/approve", {{"notes", "ok"}}, admin_token);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(error_code(client->post("/api/refunds/" + id + "/reject", admin_token)), "conflict") << "decided once";

  auto admit = gate_admit(code);
  EXPECT_EQ(admit.status, 409);
  EXPECT_EQ(error_code(admit), "refunded");
  auto done = client->post_json("/api/refunds/" + id + "/complete", {{"amount", "25"}}, admin_token);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("status").as_string(), "completed");
  EXPECT_EQ(done.json().at("refunded_amount").as_string(), "25.00");
  EXPECT_EQ(client->get("/api/me/refunds", holder).json().at("items").as_array().size(), 1u);
}

TEST_P(BoxOffice, AnAttendeeSeesOnlyTheirOwn) {
  const auto type = create_type("GA", "5", std::nullopt);
  generate(type, 4);
  const auto ann = signup("ann");
  const auto eve = signup("eve");
  const auto sale = sell(type, 2, "ann");
  const std::string serial(sale.at("tickets").at(0).at("serial").as_string());
  const std::string other(sale.at("tickets").at(1).at("serial").as_string());
  auto refund = client->post_json("/api/refunds", {{"serial", serial}, {"reason", "r"}}, ann);
  ASSERT_EQ(refund.status, 201);
  const auto refund_id = std::to_string(refund.json().at("id").as_int64());

  EXPECT_TRUE(my_tickets(eve).empty());
  EXPECT_TRUE(client->get("/api/me/refunds", eve).json().at("items").as_array().empty());
  EXPECT_EQ(client->post_json("/api/refunds", {{"serial", serial}, {"reason", "mine now"}}, eve).status, 404);
  EXPECT_EQ(client->post_json("/api/transfers", {{"serial", serial}, {"to_username", "eve"}}, eve).status, 404);
  EXPECT_EQ(client->post("/api/refunds/" + refund_id + "/cancel", eve).status, 404);
  EXPECT_EQ(error_code(client->post_json("/api/transfers", {{"serial", serial}, {"to_email", "x@example.com"}}, ann)),
            "refund_open")
      << "a ticket with a pending refund is not sent on";
  auto offer = client->post_json("/api/transfers", {{"serial", other}, {"to_email", "someone@example.com"}}, ann);
  ASSERT_EQ(offer.status, 201) << offer.body;
  const auto offer_id = std::to_string(offer.json().at("id").as_int64());
  EXPECT_EQ(client->post("/api/transfers/" + offer_id + "/accept", eve).status, 404);
  EXPECT_TRUE(client->get("/api/transfers/pending", eve).json().at("items").as_array().empty());
  EXPECT_TRUE(client->get("/api/me/transfers", eve).json().at("items").as_array().empty());

  // No staff route answers an attendee.
  for (const std::string path : {"/api/tickets/" + serial, "/api/tickets/" + serial + "/history", event_path("/tickets"),
                                 event_path("/ticket-types"), std::string("/api/refunds"), std::string("/api/transfers"),
                                 std::string("/api/admin/registrations"), std::string("/api/users"),
                                 std::string("/api/admin/logs"), std::string("/api/admin/stats"), std::string("/api/jobs/1"),
                                 "/api/verify-ticket/" + serial})
    EXPECT_EQ(client->get(path, ann).status, 403) << path;
  EXPECT_EQ(client->post_json(event_path("/sell"), {{"ticket_type_id", type}, {"buyer_name", "x"}, {"buyer_email", "x@example.com"},
                                                    {"quantity", 1}}, ann).status,
            403);
  EXPECT_EQ(client->post("/api/mark-used/" + serial, ann).status, 403);
  // And staff cannot use the holder routes.
  EXPECT_EQ(client->get("/api/me/tickets", scanner).status, 403);
}

TEST_P(BoxOffice, BadInputIsNamed) {
  const auto type = create_type("GA", "5", std::nullopt);
  auto fields = [&](const HttpResult& r) { return r.json().at("error").at("fields").as_object(); };
  auto r = client->post_json(event_path("/ticket-types"), {{"name", "X"}, {"price", "1.234"}}, admin_token);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(fields(r).contains("price"));
  r = client->post_json(event_path("/tickets/generate"), {{"count", 1000001}, {"ticket_type_id", type}}, admin_token);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(fields(r).contains("count"));
  r = client->post_json(event_path("/sell"), {{"ticket_type_id", type}, {"buyer_name", "B"}, {"buyer_email", "nope"}, {"quantity", 0}},
                        admin_token);
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(fields(r).contains("quantity"));
  EXPECT_TRUE(fields(r).contains("buyer_email"));
  r = client->post_json("/api/auth/register", {{"username", "x"}, {"password", "short"}, {"email", "x"}}, "");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(fields(r).contains("name"));
  EXPECT_TRUE(fields(r).contains("password"));
  signup("dup");
  r = client->post_json("/api/auth/register", {{"username", "dup2"}, {"password", "password-of-dup"}, {"email", "DUP@example.com"},
                                               {"name", "D"}});
  EXPECT_EQ(r.status, 201) << "sign-up never tells whether an address has an account (the mail does)";
  r = client->get(event_path("/tickets?status=gone"), admin_token);
  EXPECT_EQ(r.status, 400);
}

TEST_P(BoxOffice, BulkDecisionsBySelectionAndByFilter) {
  const auto ev = create_event_http({{"name", "Hackathon"}});
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 30; ++i) ids.push_back(register_http(ev, "Person " + std::to_string(i)));
  json::array three{ids[0], ids[1], ids[2]};
  auto r = client->post_json("/api/admin/registrations/bulk", {{"action", "approve"}, {"ids", three}}, admin_token);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto results = r.json().at("results").as_array();  // a copy: json() is a temporary
  ASSERT_EQ(results.size(), 3u);
  for (const auto& res : results) EXPECT_TRUE(res.at("ok").as_bool()) << json::serialize(res);
  json::array declined_one{ids[3]};
  client->post_json("/api/admin/registrations/bulk", {{"action", "decline"}, {"ids", declined_one}}, admin_token);
  json::array again{ids[3]};
  auto refused = client->post_json("/api/admin/registrations/bulk", {{"action", "approve"}, {"ids", again}}, admin_token);
  EXPECT_FALSE(refused.json().at("results").at(0).at("ok").as_bool()) << "a declined registration is reported, not approved";

  auto job = client->post_json("/api/admin/registrations/bulk", {{"action", "approve"}, {"filter", {{"event_id", ev}}}}, admin_token);
  ASSERT_EQ(job.status, 202) << job.body;
  EXPECT_EQ(job.json().at("total").as_int64(), 26);
  ctx->jobs.wait_idle();
  auto finished = client->get("/api/jobs/" + std::to_string(job.json().at("id").as_int64()), admin_token).json();
  EXPECT_EQ(finished.at("status").as_string(), "done");
  EXPECT_EQ(finished.at("done").as_int64(), 26);
  auto pending = client->get("/api/admin/registrations?status=pending&event_id=" + std::to_string(ev), admin_token).json();
  EXPECT_EQ(pending.at("total").as_int64(), 0);
  auto approved = client->get("/api/admin/registrations?status=approved&event_id=" + std::to_string(ev), admin_token).json();
  EXPECT_EQ(approved.at("total").as_int64(), 29);
  ctx->audit_queue.flush();
  auto logs = client->get("/api/admin/logs?action=registration.approve&limit=1", admin_token).json();
  EXPECT_EQ(logs.at("total").as_int64(), 29) << "each decision is audited";
}

TEST_P(BoxOffice, AJobLeftByAStoppedServerIsMarkedFailedAtTheNextStart) {
  const auto type = create_type("GA", "5", std::nullopt);
  // Reserved but never run, as when the server stopped with the job still queued.
  const auto g = app::reserve_generation(*ctx, app::Actor::system(), event_id, type, 10);
  const auto stale = app::fail_stale_jobs(*ctx);
  const auto job = app::get_job(*ctx, g.job.id);
  if (GetParam() == "sqlite") {
    // One process owns a SQLite file: at its start nothing unfinished can still be running.
    EXPECT_EQ(stale, 1);
    EXPECT_EQ(job.status, JobStatus::failed);
    EXPECT_TRUE(job.error.has_value());
  } else {
    // Another PostgreSQL instance may be running it: only a missing heartbeat makes it stale.
    EXPECT_EQ(stale, 0);
    EXPECT_EQ(job.status, JobStatus::queued);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, BoxOffice, ::testing::ValuesIn(backends()), backend_name);
