// Issue 6, findings 1, 5, 8, 9, 10: what the gate and the public can send, and what they get back.
#include "app/audit_queue.hpp"
#include "support/api_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;

class GateHardening : public ApiFixture {
 protected:
  std::string form_with_file_name(std::int64_t event_id, const std::string& file_name) {
    const auto png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x');
    return "--B0UND\r\nContent-Disposition: form-data; name=\"event_id\"\r\n\r\n" + std::to_string(event_id) +
           "\r\n--B0UND\r\nContent-Disposition: form-data; name=\"name\"\r\nContent-Type: text/plain\r\n\r\nPat\r\n"
           "--B0UND\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\npat" + std::to_string(forms_++) + "@example.com\r\n"
           "--B0UND\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"" + file_name +
           "\"\r\nContent-Type: image/png\r\n\r\n" + png + "\r\n--B0UND--\r\n";
  }
  int forms_ = 0;  // each form another address (one registration per address by default)
  HttpResult post_form(const std::string& body) {
    return client->request("POST", "/api/register", body, {{"Content-Type", "multipart/form-data; boundary=B0UND"}});
  }
  std::int64_t audit_total(const std::string& action) {
    ctx->audit_queue.flush();
    return client->get("/api/admin/logs?action=" + action, admin_token).json().at("total").as_int64();
  }
};

// Finding 1: a 7 MB file name made every registration list huge.
TEST_P(GateHardening, AttachmentFileNamesAreCappedAndCleaned) {
  const auto ev = create_event_http({{"name", "E"}});
  for (int i = 0; i < 3; ++i) ASSERT_EQ(post_form(form_with_file_name(ev, std::string(1'000'000, 'n') + ".exe")).status, 201);
  ASSERT_EQ(post_form(form_with_file_name(ev, "\xFF\xFE bad\x01name.png")).status, 201);
  const auto listed = client->get("/api/admin/registrations?limit=200", admin_token);
  ASSERT_EQ(listed.status, 200);
  EXPECT_LT(listed.body.size(), 20'000u) << "the list no longer carries megabytes of file names";
  const auto items = listed.json().at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items.at(0).at("attachments").at(0).at("original_name").as_string(), "badname.png");
  const std::string long_name(items.at(1).at("attachments").at(0).at("original_name").as_string());
  EXPECT_EQ(long_name.size(), 255u);
  EXPECT_TRUE(long_name.ends_with(".png")) << "the extension is the sniffed type's, not the client's .exe";
}

// Finding 5: invalid UTF-8 anywhere in a request is a 4xx with the usual body, never a 500.
TEST_P(GateHardening, InvalidUtf8IsRefusedAtTheEdgeAndRejectedScansAreAuditedEscaped) {
  const auto ev = create_event_http({{"name", "E"}});
  const auto scanner = token_for_new_user("gate1", "scanner");
  const auto gate = "?event_id=" + std::to_string(ev);
  auto bad = client->get("/api/verify-ticket/%FF" + gate, scanner);
  EXPECT_EQ(bad.status, 404) << bad.body;
  // Not a signed payload: read as a typed serial, which names no ticket (not a forgery).
  EXPECT_EQ(bad.json().at("error").at("code").as_string(), "unknown_serial");
  // A 64-byte code cut inside a two-byte character.
  std::string cut = "GP1:";
  while (cut.size() < 63) cut += "\xC3\xA9";
  cut = cut.substr(0, 64);
  std::string encoded;
  for (unsigned char c : cut) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", c);
    encoded += hex;
  }
  EXPECT_EQ(client->get("/api/verify-ticket/" + encoded + gate, scanner).status, 404);
  EXPECT_EQ(client->post("/api/mark-used/%FF" + gate, scanner).status, 404);
  EXPECT_EQ(audit_total("checkin.verify_invalid"), 2);
  EXPECT_EQ(audit_total("checkin.invalid"), 1);
  const auto logs = client->get("/api/admin/logs?action=checkin.verify_invalid", admin_token).json().at("items");
  bool escaped = false;
  for (const auto& item : logs.as_array())
    escaped = escaped || item.at("details").at("code").as_string() == "\\xFF";
  EXPECT_TRUE(escaped) << logs;

  auto key = client->request("POST", "/api/mark-used/X-1" + gate, "", {{"Authorization", "Bearer " + scanner}, {"Idempotency-Key", "\xff\xfe"}});
  EXPECT_EQ(key.status, 400) << key.body;
  EXPECT_TRUE(key.json().at("error").at("fields").as_object().contains("Idempotency-Key"));
  auto action = client->get("/api/admin/logs?action=%FF", admin_token);
  EXPECT_EQ(action.status, 400) << action.body;
  EXPECT_TRUE(action.json().at("error").at("fields").as_object().contains("action"));
  EXPECT_EQ(client->get("/api/tickets/%FF%FE", admin_token).status, 400);
  EXPECT_EQ(post_form(form_with_file_name(ev, "\xff.png")).status, 201);
}

// Finding 8: gate staff see what admission needs, not contact details; serials need the gate.
TEST_P(GateHardening, ScannersSeeNoContactDetailsAndLookUpSerialsOnlyAtTheirGate) {
  const auto ev = create_event_http({{"name", "E"}});
  create_event_http({{"name", "Other"}});  // a scanner of one event would look serials up there
  const auto ticket = issued_ticket(ev);
  const auto scanner = token_for_new_user("gate1", "scanner");
  const auto payload = url_encode(str(ticket, "qr_payload"));
  auto seen = client->get("/api/verify-ticket/" + payload, scanner);
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_FALSE(seen.json().as_object().contains("email"));
  EXPECT_EQ(str(seen.json(), "name"), "Alice");
  EXPECT_TRUE(client->get("/api/verify-ticket/" + payload, admin_token).json().as_object().contains("email"));
  auto serial = client->get("/api/verify-ticket/" + str(ticket, "serial"), scanner);
  EXPECT_EQ(serial.status, 400);
  EXPECT_TRUE(serial.json().at("error").at("fields").as_object().contains("event_id"));
  EXPECT_EQ(client->post("/api/mark-used/" + str(ticket, "serial"), scanner).status, 400);
  auto at_gate = client->post("/api/mark-used/" + str(ticket, "serial") + "?event_id=" + std::to_string(ev), scanner);
  ASSERT_EQ(at_gate.status, 200);
  EXPECT_FALSE(at_gate.json().as_object().contains("email"));
  auto again = client->post("/api/mark-used/" + payload, scanner);
  EXPECT_EQ(again.status, 409);
  EXPECT_FALSE(again.json().at("ticket").as_object().contains("email"));
}

// Finding 9: a replay answers only the very same request.
TEST_P(GateHardening, AnIdempotencyKeyReplaysOnlyTheSameCodeAndEvent) {
  const auto e1 = create_event_http({{"name", "E1"}});
  const auto e2 = create_event_http({{"name", "E2"}});
  const auto t1 = issued_ticket(e1);
  const auto t2 = issued_ticket(e1);
  const auto scanner = token_for_new_user("gate1", "scanner");
  const std::map<std::string, std::string> key{{"Idempotency-Key", "scan-42"}};
  const auto p1 = url_encode(str(t1, "qr_payload"));
  EXPECT_EQ(client->post("/api/mark-used/" + p1 + "?event_id=" + std::to_string(e1), scanner, key).status, 200);
  auto replay = client->post("/api/mark-used/" + p1 + "?event_id=" + std::to_string(e1), scanner, key);
  EXPECT_EQ(replay.status, 200);
  EXPECT_TRUE(replay.json().at("replayed").as_bool());
  auto other_event = client->post("/api/mark-used/" + p1 + "?event_id=" + std::to_string(e2), scanner, key);
  EXPECT_EQ(other_event.status, 422) << other_event.body;
  EXPECT_EQ(other_event.json().at("error").at("code").as_string(), "idempotency_key_reused");
  EXPECT_EQ(client->post("/api/mark-used/" + p1, scanner, key).status, 422) << "no event is another request too";
  EXPECT_EQ(client->post("/api/mark-used/" + url_encode(str(t2, "qr_payload")) + "?event_id=" + std::to_string(e1), scanner, key).status, 422);
}

// Finding 10: an admin can revoke a ticket; the gate refuses it from then on.
TEST_P(GateHardening, AVoidedTicketIsRefusedAtTheGate) {
  const auto ev = create_event_http({{"name", "E"}});
  const auto ticket = issued_ticket(ev);
  const auto serial = str(ticket, "serial");
  const auto scanner = token_for_new_user("gate1", "scanner");
  const auto void_url = "/api/admin/tickets/" + serial + "/void";
  EXPECT_EQ(client->post_json(void_url, {{"reason", "fraud"}}, scanner).status, 403);
  auto no_reason = client->post_json(void_url, {{"note", "x"}}, admin_token);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(no_reason.json().at("error").at("fields").as_object().contains("reason"));
  EXPECT_EQ(client->post_json("/api/admin/tickets/NOPE-1/void", {{"reason", "x"}}, admin_token).status, 404);
  auto voided = client->post_json(void_url, {{"reason", "chargeback"}}, admin_token);
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_EQ(str(voided.json(), "status"), "void");
  EXPECT_EQ(str(voided.json(), "void_reason"), "chargeback");

  const auto payload = url_encode(str(ticket, "qr_payload"));
  auto verify = client->get("/api/verify-ticket/" + payload, scanner);
  EXPECT_EQ(verify.status, 409) << verify.body;
  EXPECT_EQ(verify.json().at("error").at("code").as_string(), "void");
  EXPECT_EQ(verify.json().at("ticket").at("status").as_string(), "void");
  auto admit = client->post("/api/mark-used/" + payload, scanner);
  EXPECT_EQ(admit.status, 409);
  EXPECT_EQ(admit.json().at("error").at("code").as_string(), "void");
  EXPECT_EQ(client->post_json(void_url, {{"reason", "again"}}, admin_token).status, 409) << "void is final";
  EXPECT_EQ(audit_total("ticket.void"), 1);
  EXPECT_EQ(audit_total("checkin.not_valid"), 1);
  const auto listed = client->get("/api/admin/registrations?event_id=" + std::to_string(ev), admin_token).json();
  EXPECT_EQ(listed.at("items").at(0).at("ticket").at("status").as_string(), "void");
}

INSTANTIATE_TEST_SUITE_P(Backends, GateHardening, ::testing::ValuesIn(backends()), backend_name);
