// Serials typed at the gate (issue "everyday gate", item 6) over real HTTP on both databases: the
// mistakes people make are forgiven with the gate event's prefix, a typed serial that names no
// ticket is 404 unknown_serial (not invalid: that stays for a QR whose signature fails), and typed
// misses are counted apart from refusals in the attendance report and the gate summary.
#include "app/audit_queue.hpp"
#include "support/api_fixture.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class TypedSerial : public ApiFixture {
 protected:
  std::int64_t gate_event = 0, other_event = 0;
  std::string scanner;
  json::object second;  // the gate event's ticket HL2027-000002

  void SetUp() override {
    ApiFixture::SetUp();
    gate_event = create_event_http({{"name", "Harbour Lights 2027"}, {"serial_prefix", "HL2027"}});
    other_event = create_event_http({{"name", "Harbour Lights 2026"}, {"serial_prefix", "HL2026"}});
    scanner = token_for_new_user("gate-a", "scanner");
    issued_ticket(gate_event);
    second = issued_ticket(gate_event);
    issued_ticket(other_event);
    issued_ticket(other_event);
  }
  std::string ev(std::int64_t id) const { return "?event_id=" + std::to_string(id); }
  static std::string error_code_of(const HttpResult& r) {
    const auto j = r.json();
    if (!j.is_object() || !j.as_object().contains("error")) return "(status " + std::to_string(r.status) + ") " + r.body;
    return std::string(j.at("error").at("code").as_string());
  }
  HttpResult verify(const std::string& typed, std::int64_t event, const std::string& more = "") {
    return client->get("/api/verify-ticket/" + url_encode(typed) + ev(event) + more, scanner);
  }
};

TEST_P(TypedSerial, TypingMistakesFindTheGateEventsTicket) {
  ASSERT_EQ(str(second, "serial"), "HL2027-000002");
  for (const std::string typed : {"2", "000002", "HL2027 000002", "hl2027-2", "HL2027000002", " HL2027 - 2 "}) {
    auto v = verify(typed, gate_event);
    ASSERT_EQ(v.status, 200) << typed << ": " << v.body;
    EXPECT_EQ(v.json().at("serial").as_string(), "HL2027-000002") << typed;
  }
  // The same normalisation admits.
  auto admitted = client->post("/api/mark-used/" + url_encode("hl2027 2") + ev(gate_event), scanner);
  ASSERT_EQ(admitted.status, 200) << admitted.body;
  EXPECT_EQ(admitted.json().at("serial").as_string(), "HL2027-000002");
  EXPECT_EQ(admitted.json().at("result").as_string(), "admitted");
}

TEST_P(TypedSerial, ANumberIsNeverTakenForAnotherEventsTicket) {
  // At the 2026 gate, "2" is HL2026-000002; at the 2027 gate a 2026 serial is that ticket: wrong_event.
  auto at_other = verify("2", other_event);
  ASSERT_EQ(at_other.status, 200) << at_other.body;
  EXPECT_EQ(at_other.json().at("serial").as_string(), "HL2026-000002");
  auto wrong = verify("hl2026 2", gate_event);
  EXPECT_EQ(wrong.status, 409) << wrong.body;
  EXPECT_EQ(error_code_of(wrong), "wrong_event");
}

TEST_P(TypedSerial, ATypedSerialThatNamesNoTicketIsUnknownSerialNotInvalid) {
  for (const std::string typed : {"7", "HL2027-000099", "Ann Smith", "O'Brien", "HL2099-000001"}) {
    auto v = verify(typed, gate_event);
    EXPECT_EQ(v.status, 404) << typed << ": " << v.body;
    EXPECT_EQ(error_code_of(v), "unknown_serial") << typed;
    auto m = client->post("/api/mark-used/" + url_encode(typed) + ev(gate_event), scanner);
    EXPECT_EQ(m.status, 404) << typed << ": " << m.body;
    EXPECT_EQ(error_code_of(m), "unknown_serial") << typed;
  }
  // A QR payload whose signature fails is still a forgery.
  auto forged = str(second, "qr_payload");
  forged[40] = forged[40] == 'A' ? 'B' : 'A';
  auto f = client->get("/api/verify-ticket/" + url_encode(forged) + ev(gate_event), scanner);
  EXPECT_EQ(f.status, 404);
  EXPECT_EQ(error_code_of(f), "invalid");
  // A retried mark-used with the same key replays the typed miss.
  const std::map<std::string, std::string> key{{"Idempotency-Key", "typed-miss-1"}};
  const auto url = "/api/mark-used/" + url_encode("99") + ev(gate_event);
  auto first = client->post(url, scanner, key);
  auto again = client->post(url, scanner, key);
  EXPECT_EQ(first.status, 404);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(error_code_of(again), "unknown_serial");
}

TEST_P(TypedSerial, TypedMissesAreCountedApartFromRefusals) {
  // Two typed misses at gate North (a verify and a mark-used), one forged QR, one already used.
  EXPECT_EQ(verify("77", gate_event, "&gate=North&device_id=phone-1").status, 404);
  EXPECT_EQ(client->post("/api/mark-used/" + url_encode("Ann Smith") + ev(gate_event) + "&gate=North&device_id=phone-1", scanner).status,
            404);
  auto forged = str(second, "qr_payload");
  forged[40] = forged[40] == 'A' ? 'B' : 'A';
  EXPECT_EQ(client->post("/api/mark-used/" + url_encode(forged) + ev(gate_event) + "&gate=North", scanner).status, 404);
  EXPECT_EQ(client->post("/api/mark-used/2" + ev(gate_event) + "&gate=North", scanner).status, 200);
  EXPECT_EQ(client->post("/api/mark-used/2" + ev(gate_event) + "&gate=North", scanner).status, 409);
  ctx->audit_queue.flush();

  auto report = client->get("/api/events/" + std::to_string(gate_event) + "/attendance", admin_token);
  ASSERT_EQ(report.status, 200) << report.body;
  const auto r = report.json().as_object();
  EXPECT_EQ(r.at("typed_misses").as_int64(), 2);
  std::map<std::string, std::int64_t> refused;
  for (const auto& x : r.at("refused").as_array()) refused[std::string(x.at("result").as_string())] = x.at("count").as_int64();
  EXPECT_EQ(refused, (std::map<std::string, std::int64_t>{{"already_used", 1}, {"invalid", 1}}));

  auto summary = client->get("/api/events/" + std::to_string(gate_event) + "/gate-summary?gate=North&device_id=phone-1", scanner);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json().at("typed_misses_at_gate").as_int64(), 2);
  auto elsewhere = client->get("/api/events/" + std::to_string(gate_event) + "/gate-summary?gate=South", scanner);
  EXPECT_EQ(elsewhere.json().at("typed_misses_at_gate").as_int64(), 0);

  // The rows say what happened: result unknown_serial, with what was typed.
  auto rows = client->get("/api/scans?event_id=" + std::to_string(gate_event) + "&result=unknown_serial", admin_token);
  ASSERT_EQ(rows.status, 200) << rows.body;
  const auto items = rows.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items.at(0).at("code").as_string(), "Ann Smith");
  EXPECT_EQ(items.at(1).at("code").as_string(), "77");
}

INSTANTIATE_TEST_SUITE_P(Backends, TypedSerial, ::testing::ValuesIn(backends()), backend_name);
