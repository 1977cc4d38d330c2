// Ownership and accounts (issue 18, docs/accounts.md) over real HTTP on both databases: claims need
// a secret that is not in the QR, verified addresses, password reset, separate username
// namespaces, transfer offer limits, refund limits and cut-off, re-issue.
#include "support/api_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class Accounts : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  std::int64_t type_id = 0;
  std::string scanner;

  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Harbour Nights"}, {"serial_prefix", "HN26"}});
    auto t = client->post_json(event_path("/ticket-types"), {{"name", "GA"}, {"price", "40.00"}}, admin_token);
    EXPECT_EQ(t.status, 201) << t.body;
    type_id = t.json().at("id").as_int64();
    auto g = client->post_json(event_path("/tickets/generate"), {{"count", 6}, {"ticket_type_id", type_id}}, admin_token);
    EXPECT_EQ(g.status, 202) << g.body;
    ctx->jobs.wait_idle();
    scanner = token_for_new_user("gate1", "scanner");
  }

  std::string event_path(const std::string& rest) { return "/api/events/" + std::to_string(event_id) + rest; }

  HttpResult signup_raw(const std::string& username, const std::string& email) {
    return client->post_json("/api/auth/register", {{"username", username}, {"password", "password-of-" + username},
                                                    {"email", email}, {"name", "Holder " + username}});
  }
  std::string signup(const std::string& username, bool verified = true) {
    auto r = signup_raw(username, username + "@example.com");
    EXPECT_EQ(r.status, 201) << r.body;
    if (verified) verify_email(username + "@example.com");
    return str(r.json(), "access_token");
  }
  // Sells one ticket to a buyer (no account); returns its serial.
  std::string sell_to(const std::string& buyer_email) {
    auto r = client->post_json(event_path("/sell"), {{"ticket_type_id", type_id}, {"buyer_name", "Buyer"},
                                                     {"buyer_email", buyer_email}, {"quantity", 1}},
                               admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return str(r.json().at("tickets").at(0), "serial");
  }
  json::object staff_view(const std::string& serial) {
    return client->get("/api/tickets/" + serial, admin_token).json().as_object();
  }
  json::array my_tickets(const std::string& token) {
    auto r = client->get("/api/me/tickets", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }
  std::string claim_code_of(const std::string& serial) { return str(staff_view(serial), "claim_code"); }
  // The error code of an answer; "" for a success or an answer that is not a JSON error.
  static std::string error_code(const HttpResult& r) {
    const auto v = r.json();
    if (!v.is_object() || !v.as_object().contains("error")) return "";
    return std::string(v.as_object().at("error").as_object().at("code").as_string());
  }
  HttpResult gate(const std::string& code) {
    return client->post("/api/mark-used/" + url_encode(code) + "?event_id=" + std::to_string(event_id), scanner);
  }
};

TEST_P(Accounts, AGlimpsedQrCodeClaimsNothingAndAnUnverifiedAccountCannotClaim) {
  const auto serial = sell_to("buyer@example.com");
  const auto qr = str(mailed("ticket_sold", "buyer@example.com").at(0), "qr_payload");
  const auto thief = signup("thief");
  auto by_qr = client->post_json("/api/me/tickets/claim", {{"code", qr}}, thief);
  EXPECT_EQ(by_qr.status, 400) << by_qr.body;
  // Nor does a guessed claim code, or the right claim code with a wrong QR text.
  const auto claim_code = claim_code_of(serial);
  EXPECT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", serial + "-ABCD-EFGH-JKLM"}}, thief).status, 404);
  EXPECT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code}, {"code", qr + "x"}}, thief).status, 404);
  EXPECT_TRUE(my_tickets(thief).empty());

  const auto fresh = signup("fresh", false);
  auto unverified = client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code}}, fresh);
  EXPECT_EQ(unverified.status, 403) << unverified.body;
  EXPECT_EQ(error_code(unverified), "email_unverified");
  // Claim code and QR text together work for a verified account.
  auto ok = client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code}, {"code", qr}}, thief);
  EXPECT_EQ(ok.status, 200) << ok.body;
  // A claimed ticket prints no claim code any more.
  EXPECT_TRUE(staff_view(serial).at("claim_code").is_null());
}

TEST_P(Accounts, AClaimedCodeIsReissuedAndTheOldOneIsSuperseded) {
  const auto serial = sell_to("buyer@example.com");
  const auto ann = signup("ann");
  ASSERT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code_of(serial)}}, ann).status, 200);
  const auto old_code = str(my_tickets(ann).at(0), "qr_payload");

  // "My QR leaked": the holder gets a new code; only the holder may ask.
  const auto eve = signup("eve");
  EXPECT_EQ(client->post("/api/me/tickets/" + serial + "/reissue", eve).status, 404);
  auto mine = client->post("/api/me/tickets/" + serial + "/reissue", ann);
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto new_code = str(mine.json(), "qr_payload");
  EXPECT_NE(new_code, old_code);
  EXPECT_EQ(error_code(gate(old_code)), "superseded");
  EXPECT_FALSE(mailed("ticket_reissued", "ann@example.com").empty()) << "the holder gets the new code by mail";

  // An admin re-issues with a reason; the holder's previous code stops working too.
  EXPECT_EQ(client->post_json("/api/admin/tickets/" + serial + "/reissue", json::object{}, admin_token).status, 400);
  auto by_admin = client->post_json("/api/admin/tickets/" + serial + "/reissue", {{"reason", "posted online"}}, admin_token);
  ASSERT_EQ(by_admin.status, 200) << by_admin.body;
  EXPECT_EQ(error_code(gate(new_code)), "superseded");
  const auto current = str(my_tickets(ann).at(0), "qr_payload");
  EXPECT_EQ(gate(current).status, 200);
  EXPECT_EQ(client->post("/api/me/tickets/" + serial + "/reissue", ann).status, 409) << "a used ticket keeps its code";
  bool audited = false;
  const auto history = client->get("/api/tickets/" + serial + "/history", admin_token).json();
  for (const auto& e : history.at("items").as_array()) audited = audited || e.at("action") == "reissued";
  EXPECT_TRUE(audited);
}

TEST_P(Accounts, TheMailedLinkClaimsForAVerifiedHolder) {
  const auto serial = sell_to("gift@example.com");
  const auto link = str(mailed("ticket_sold", "gift@example.com").at(0), "link_url");
  const auto token = link.substr(link.find("/t/") + 3);
  const auto leo = signup("leo");
  const auto unverified = signup("ned", false);
  EXPECT_EQ(error_code(client->post("/api/ticket-links/" + token + "/claim", unverified)), "email_unverified");
  EXPECT_EQ(client->post("/api/ticket-links/not-a-real-token-at-all-0000/claim", leo).status, 404);
  auto claimed = client->post("/api/ticket-links/" + token + "/claim", leo);
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  EXPECT_EQ(str(claimed.json(), "serial"), serial);
  EXPECT_EQ(client->post("/api/ticket-links/" + token + "/claim", leo).status, 200) << "claiming again changes nothing";
  EXPECT_EQ(error_code(client->post("/api/ticket-links/" + token + "/claim", signup("max"))), "already_claimed");
  EXPECT_EQ(str(staff_view(serial), "purchaser_email"), "gift@example.com") << "a claim never overwrites the purchaser";
  EXPECT_EQ(mailed("ticket_claimed", "gift@example.com").size(), 1u);
}

TEST_P(Accounts, AVerifiedPurchaserSeesTheirTicketWithoutClaiming) {
  // A person registered (no account), then signs up with the same address.
  const auto ev = create_event_http({{"name", "Open Day"}, {"requires_approval", false}});
  auto reg = client->post_json("/api/register", {{"event_id", ev}, {"name", "Rosa"}, {"email", "Rosa@Example.com"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto rosa = signup_raw("rosa", "rosa@example.com");
  ASSERT_EQ(rosa.status, 201) << rosa.body;
  const auto token = str(rosa.json(), "access_token");
  EXPECT_TRUE(my_tickets(token).empty()) << "an unverified address is matched to nothing";
  auto me = client->get("/api/auth/me", token).json();
  EXPECT_FALSE(me.at("email_verified").as_bool());

  const auto verify_token = mailed_token("verify_email", "rosa@example.com", "verify_url");
  auto verified = client->post_json("/api/auth/verify-email", {{"token", verify_token}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json().at("tickets_attached").as_int64(), 1);
  EXPECT_EQ(client->post_json("/api/auth/verify-email", {{"token", verify_token}}).status, 404) << "a link works once";
  EXPECT_TRUE(client->get("/api/auth/me", token).json().at("email_verified").as_bool());
  const auto mine = my_tickets(token);
  ASSERT_EQ(mine.size(), 1u);
  // Now it is theirs: the PDF and a refund request work.
  const auto serial = str(mine.at(0), "serial");
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/ticket.pdf", token).status, 200);
}

TEST_P(Accounts, AnUnverifiedAddressIsTakenOverAndAVerifiedOneCannotBe) {
  // Mallory signs up with Bob's address first; Bob signs up too and verifies: Bob keeps it.
  const auto mallory = signup_raw("mallory", "bob@example.com");
  ASSERT_EQ(mallory.status, 201);
  const auto bob = signup_raw("bob", "bob@example.com");
  ASSERT_EQ(bob.status, 201) << "an address never gives 409 at sign-up";
  const auto mails = mailed("verify_email", "bob@example.com");
  ASSERT_EQ(mails.size(), 2u);
  const auto bob_link = std::string(mails.at(1).at("verify_url").as_string());
  ASSERT_EQ(client->post_json("/api/auth/verify-email", {{"token", bob_link.substr(bob_link.find("#token=") + 7)}}).status, 200);
  EXPECT_TRUE(client->get("/api/auth/me", str(mallory.json(), "access_token")).json().at("email").is_null())
      << "the unverified account loses the address";
  // Mallory's own (older) link no longer verifies anything.
  const auto mallory_link = std::string(mails.at(0).at("verify_url").as_string());
  auto late = client->post_json("/api/auth/verify-email", {{"token", mallory_link.substr(mallory_link.find("#token=") + 7)}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(error_code(late), "email_taken");

  // A third sign-up with the verified address answers the same, and only the owner hears of it.
  auto third = signup_raw("trudy", "BOB@example.com");
  EXPECT_EQ(third.status, 201);
  EXPECT_EQ(mailed("verify_email", "BOB@example.com").size(), 0u);
  EXPECT_EQ(mailed("account_exists", "BOB@example.com").size(), 1u);
  signup_raw("trudy2", "BOB@example.com");
  EXPECT_EQ(mailed("account_exists", "BOB@example.com").size(), 1u) << "at most one such mail an hour";
  // A transfer to the address goes to Bob's verified account, not to the others.
  const auto serial = sell_to("seller@example.com");
  const auto sam = signup("sam");
  ASSERT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code_of(serial)}}, sam).status, 200);
  ASSERT_EQ(client->post_json("/api/admin/tickets/" + serial + "/allow-transfer", {{"reason", "test"}}, admin_token).status, 200);
  auto offer = client->post_json("/api/transfers", {{"serial", serial}, {"to_email", "bob@example.com"}}, sam);
  ASSERT_EQ(offer.status, 201) << offer.body;
  EXPECT_FALSE(offer.json().at("to_username").is_string()) << "an email transfer does not reveal the account";
  EXPECT_TRUE(client->get("/api/transfers/pending", str(third.json(), "access_token")).json().at("items").as_array().empty());
  const auto bob_token = str(bob.json(), "access_token");
  auto pending = client->get("/api/transfers/pending", bob_token).json().at("items").as_array();
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(client->post("/api/transfers/" + std::to_string(pending[0].at("id").as_int64()) + "/accept", bob_token).status, 200);
}

TEST_P(Accounts, PasswordResetAnswersAlikeWorksOnceAndEndsSessions) {
  const auto ann = signup("ann");
  auto unknown = client->post_json("/api/auth/password-reset", {{"email", "nobody@example.com"}});
  auto known = client->post_json("/api/auth/password-reset", {{"email", "ANN@example.com"}});
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.body, known.body) << "the answer does not tell whether an account exists";
  EXPECT_EQ(client->post_json("/api/auth/password-reset", {{"email", "not an address"}}).status, 400);
  const auto token = mailed_token("password_reset", "ann@example.com", "reset_url");
  EXPECT_NE(str(mailed("password_reset", "ann@example.com").at(0), "reset_url").find("/my/reset-password#token="),
            std::string::npos);

  auto weak = client->post_json("/api/auth/password-reset/confirm", {{"token", token}, {"password", "short"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_TRUE(weak.json().at("error").at("fields").as_object().contains("password"));
  auto done = client->post_json("/api/auth/password-reset/confirm", {{"token", token}, {"password", "a brand new password"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(client->get("/api/auth/me", ann).status, 401) << "every session ended";
  EXPECT_EQ(client->post_json("/api/auth/password-reset/confirm", {{"token", token}, {"password", "another new password"}}).status,
            404)
      << "a link works once";
  auto login = client->post_json("/api/auth/login", {{"username", "ann"}, {"password", "a brand new password"}, {"account", "holder"}});
  EXPECT_EQ(login.status, 200) << login.body;

  // Staff use the same flow; at most 3 mails per account an hour.
  ASSERT_EQ(client->post_json("/api/users", {{"username", "boxoffice"}, {"password", "password-of-boxoffice"}, {"role", "admin"},
                                             {"email", "box@example.com"}},
                              admin_token)
                .status,
            201);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client->post_json("/api/auth/password-reset", {{"email", "box@example.com"}}).status, 202);
  const auto staff_mails = mailed("password_reset", "box@example.com");
  EXPECT_EQ(staff_mails.size(), 3u);
  EXPECT_NE(str(staff_mails.at(0), "reset_url").find("/admin/reset-password#token="), std::string::npos);
}

TEST_P(Accounts, HolderAndStaffUsernamesAreSeparateNamespaces) {
  // Sign-up never tells whether a staff account has a name.
  auto r = signup_raw("admin", "imposter@example.com");
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("user").at("role").as_string(), "attendee");
  EXPECT_EQ(signup_raw("admin", "other@example.com").status, 409) << "but holders' names are unique among holders";
  // Both sign in: the hint picks the namespace, and without it the password decides.
  auto staff = client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "admin-password-123"}});
  ASSERT_EQ(staff.status, 200) << staff.body;
  EXPECT_EQ(staff.json().at("user").at("role").as_string(), "admin");
  auto holder = client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "password-of-admin"}, {"account", "holder"}});
  ASSERT_EQ(holder.status, 200) << holder.body;
  EXPECT_EQ(holder.json().at("user").at("role").as_string(), "attendee");
  EXPECT_EQ(client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "password-of-admin"}, {"account", "staff"}}).status,
            401);
  EXPECT_EQ(client->post_json("/api/auth/login", {{"username", "admin"}, {"password", "x"}, {"account", "boss"}}).status, 400);
  // The holder called "admin" reaches no staff route.
  EXPECT_EQ(client->get("/api/users", str(holder.json(), "access_token")).status, 403);
}

TEST_P(Accounts, TransferOffersAreLimitedAndCarryNoSenderText) {
  const auto serial = sell_to("s@example.com");
  const auto ann = signup("ann");
  ASSERT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code_of(serial)}}, ann).status, 200);
  ASSERT_EQ(client->post_json("/api/admin/tickets/" + serial + "/allow-transfer", {{"reason", "test"}}, admin_token).status, 200);
  int created = 0;
  HttpResult last;
  for (int i = 0; i < 7; ++i) {
    last = client->post_json("/api/transfers", {{"serial", serial}, {"to_email", "victim@example.com"},
                                                {"notes", "Claim your prize at evil.example"}},
                             ann);
    if (last.status != 201) break;
    ++created;
    ASSERT_EQ(client->post("/api/transfers/" + std::to_string(last.json().at("id").as_int64()) + "/cancel", ann).status, 200);
  }
  EXPECT_EQ(created, 5) << "offers per ticket and day";
  EXPECT_EQ(last.status, 429) << last.body;
  const auto mails = mailed("transfer_offered", "victim@example.com");
  EXPECT_EQ(mails.size(), 1u) << "one offer mail per address an hour";
  for (const auto& m : mails) {
    EXPECT_FALSE(m.contains("notes"));
    EXPECT_FALSE(m.contains("from_username"));
  }
}

TEST_P(Accounts, RefundsAreCappedAtWhatWasPaidAndCloseAtTheCutOff) {
  const auto serial = sell_to("r@example.com");
  const auto rita = signup("rita");
  ASSERT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code_of(serial)}}, rita).status, 200);
  auto greedy = client->post_json("/api/refunds", {{"serial", serial}, {"reason", "r"}, {"amount", "9999999999.99"}}, rita);
  EXPECT_EQ(greedy.status, 422) << greedy.body;
  EXPECT_EQ(error_code(greedy), "amount_too_large");
  EXPECT_TRUE(greedy.json().at("error").at("fields").as_object().contains("amount"));
  // A holder cannot override.
  EXPECT_EQ(client->post_json("/api/refunds", {{"serial", serial}, {"reason", "r"}, {"amount", "50.00"}, {"override_reason", "pls"}}, rita)
                .status,
            422);
  auto asked = client->post_json("/api/refunds", {{"serial", serial}, {"reason", "cannot come"}}, rita);
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(str(asked.json(), "amount"), "40.00") << "the refundable amount is the server's";
  EXPECT_EQ(str(asked.json(), "refundable"), "40.00");
  EXPECT_TRUE(asked.json().at("purchaser_email").is_null()) << "holders see no buyer or purchaser";
  const auto id = std::to_string(asked.json().at("id").as_int64());
  auto queue = client->get("/api/refunds?status=pending", admin_token).json().at("items").as_array();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(str(queue[0], "price_paid"), "40.00");
  EXPECT_EQ(str(queue[0], "buyer_email"), "r@example.com");
  EXPECT_EQ(str(queue[0], "purchaser_email"), "r@example.com");
  ASSERT_EQ(client->post("/api/refunds/" + id + "/approve", admin_token).status, 200);
  auto mine = client->get("/api/me/refunds", rita).json().at("items").as_array();
  EXPECT_EQ(str(mine.at(0), "decided_by"), "box office") << "holders see a role, not a staff username";
  EXPECT_EQ(str(mine.at(0), "requested_by"), "you");
  auto too_much = client->post_json("/api/refunds/" + id + "/complete", {{"amount", "45.00"}}, admin_token);
  EXPECT_EQ(error_code(too_much), "amount_too_large");
  auto overridden = client->post_json("/api/refunds/" + id + "/complete", {{"amount", "45.00"}, {"override_reason", "goodwill: parking fee"}},
                                      admin_token);
  ASSERT_EQ(overridden.status, 200) << overridden.body;
  bool audited = false;
  const auto logs = client->get("/api/admin/logs?action=refund.override", admin_token).json();
  for (const auto& e : logs.at("items").as_array()) audited = audited || e.at("action") == "refund.override";
  EXPECT_TRUE(audited);

  // The cut-off: after refunds_until a holder's request is refused; an admin may still ask.
  const auto second = sell_to("late@example.com");
  const auto lena = signup("lena");
  ASSERT_EQ(client->post_json("/api/me/tickets/claim", {{"claim_code", claim_code_of(second)}}, lena).status, 200);
  ASSERT_EQ(client->patch_json(event_path(""), {{"refunds_until", "2020-01-01T00:00:00Z"}}, admin_token).status, 200);
  auto closed = client->post_json("/api/refunds", {{"serial", second}, {"reason", "late"}}, lena);
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(error_code(closed), "refund_closed");
  EXPECT_EQ(client->post_json("/api/refunds", {{"serial", second}, {"reason", "organiser's goodwill"}}, admin_token).status, 201);
}

TEST_P(Accounts, MyTicketsCarryTheEventsWhenAndWhereAndTheRequestWaitingForADecision) {
  ASSERT_EQ(client->patch_json(event_path(""), {{"venue", "Harbour Hall, Pier 4"}, {"starts_at", "2031-06-01T18:30:00Z"},
                                                {"ends_at", "2031-06-01T23:00:00Z"}}, admin_token).status,
            200);
  const auto sent = sell_to("mia@example.com");
  const auto refunded = sell_to("mia@example.com");
  const auto mia = signup("mia");  // verifying her address attaches both (bought with it: no cooling-off)
  signup("leo.park");
  const auto card = [&](const std::string& serial) {
    for (const auto& t : my_tickets(mia))
      if (t.at("serial").as_string() == serial) return t.as_object();
    ADD_FAILURE() << serial << " is not in My tickets";
    return json::object{};
  };
  auto c = card(sent);
  EXPECT_EQ(c.at("event_name"), "Harbour Nights");
  EXPECT_EQ(c.at("venue"), "Harbour Hall, Pier 4");
  EXPECT_EQ(c.at("starts_at"), "2031-06-01T18:30:00.000Z");
  EXPECT_EQ(c.at("ends_at"), "2031-06-01T23:00:00.000Z");
  EXPECT_TRUE(c.at("pending_request").is_null());

  auto offer = client->post_json("/api/transfers", {{"serial", sent}, {"to_username", "leo.park"}}, mia);
  ASSERT_EQ(offer.status, 201) << offer.body;
  auto ask = client->post_json("/api/refunds", {{"serial", refunded}, {"reason", "cannot come"}}, mia);
  ASSERT_EQ(ask.status, 201) << ask.body;
  const auto transfer = card(sent).at("pending_request").as_object();
  EXPECT_EQ(transfer.at("kind"), "transfer");
  EXPECT_EQ(transfer.at("id"), offer.json().at("id"));
  EXPECT_EQ(transfer.at("to_username"), "leo.park");
  EXPECT_TRUE(transfer.at("to_email").is_null());
  EXPECT_EQ(transfer.at("can_cancel"), true);
  EXPECT_EQ(transfer.at("created_at"), offer.json().at("created_at"));
  const auto refund = card(refunded).at("pending_request").as_object();
  EXPECT_EQ(refund.at("kind"), "refund");
  EXPECT_EQ(refund.at("id"), ask.json().at("id"));
  EXPECT_TRUE(refund.at("to_username").is_null());

  // Cancelled: the card is free again.
  ASSERT_EQ(client->post("/api/transfers/" + std::to_string(offer.json().at("id").as_int64()) + "/cancel", mia).status, 200);
  EXPECT_TRUE(card(sent).at("pending_request").is_null());
  EXPECT_EQ(card(refunded).at("pending_request").at("kind"), "refund");
  // A refund an admin asked for on her behalf shows, but is not hers to cancel.
  ASSERT_EQ(client->post("/api/refunds/" + std::to_string(ask.json().at("id").as_int64()) + "/cancel", mia).status, 200);
  ASSERT_EQ(client->post_json("/api/refunds", {{"serial", refunded}, {"reason", "organiser"}}, admin_token).status, 201);
  EXPECT_EQ(card(refunded).at("pending_request").at("can_cancel"), false);
}

INSTANTIATE_TEST_SUITE_P(Backends, Accounts, ::testing::ValuesIn(backends()), backend_name);
