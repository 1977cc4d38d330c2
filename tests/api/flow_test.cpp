// The Phase-1 workflow over HTTP: register -> approve -> QR -> verify -> check in -> audit.
#include "app/audit_queue.hpp"
#include "support/api_fixture.hpp"
#include "support/qr_decode.hpp"

using namespace gatepass::testing;
namespace json = boost::json;

class Flow : public ApiFixture {};

TEST_P(Flow, RegisterApproveScanAdmitOnceAndAudit) {
  EXPECT_EQ(client->get("/api/health").json().at("database").as_string(),
            GetParam() == "sqlite" ? "sqlite" : "postgresql");
  const auto event_id = create_event_http({{"name", "HackFest 2026"}, {"serial_prefix", "HF2026"}});
  const auto reg_id = register_http(event_id, "Alice");

  auto pending = client->get("/api/admin/registrations?status=pending", admin_token);
  ASSERT_EQ(pending.status, 200);
  EXPECT_EQ(pending.json().at("total").as_int64(), 1);

  auto approved = client->post("/api/admin/approve/" + std::to_string(reg_id), admin_token);
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto ticket = approved.json().at("ticket");
  EXPECT_EQ(str(ticket, "serial"), "HF2026-000001");
  const auto payload = str(ticket, "qr_payload");
  EXPECT_TRUE(payload.starts_with("GP1:"));
  EXPECT_EQ(payload.find("HF2026"), std::string::npos) << "the QR must not be the guessable serial";

  // Approving again returns the same ticket.
  auto again = client->post("/api/admin/approve/" + std::to_string(reg_id), admin_token);
  EXPECT_EQ(str(again.json().at("ticket"), "serial"), "HF2026-000001");

  // The PNG a phone would scan decodes to the signed payload.
  auto png = client->get(str(ticket, "qr_png_url"), admin_token);
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.headers["content-type"], "image/png");
  EXPECT_EQ(decode_qr_png(png.body), payload);
  auto svg = client->get(str(ticket, "qr_svg_url"), admin_token);
  EXPECT_EQ(svg.status, 200);
  EXPECT_NE(svg.body.find("<svg"), std::string::npos);

  const auto scanner = token_for_new_user("gate1", "scanner");
  auto verified = client->get("/api/verify-ticket/" + url_encode(payload), scanner);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(str(verified.json(), "status"), "valid");
  EXPECT_EQ(str(verified.json(), "name"), "Alice");
  EXPECT_EQ(str(verified.json(), "event_name"), "HackFest 2026");

  auto admit = client->post("/api/mark-used/" + url_encode(payload), scanner);
  ASSERT_EQ(admit.status, 200) << admit.body;
  EXPECT_EQ(str(admit.json(), "status"), "checked_in");
  const auto used_at = str(admit.json(), "used_at");

  const auto gate = "?event_id=" + std::to_string(event_id);  // a scanner types serials at its gate only
  auto second = client->post("/api/mark-used/HF2026-000001" + gate, scanner);  // manual entry of the serial
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(str(second.json().at("error"), "code"), "already_used");
  EXPECT_EQ(str(second.json(), "used_at"), used_at);

  auto after = client->get("/api/verify-ticket/hf2026-000001" + gate, scanner);  // typed in lower case
  EXPECT_EQ(str(after.json(), "status"), "used");

  auto logs = client->get("/api/admin/logs?action=checkin.admitted", admin_token);
  ASSERT_EQ(logs.status, 200);
  ASSERT_EQ(logs.json().at("total").as_int64(), 1);
  EXPECT_EQ(str(logs.json().at("items").at(0), "actor"), "gate1");
  EXPECT_EQ(client->get("/api/admin/logs?action=checkin.duplicate", admin_token).json().at("total").as_int64(), 1);
  EXPECT_EQ(client->get("/api/admin/logs?action=registration.approve", admin_token).json().at("total").as_int64(), 1);
  EXPECT_EQ(client->get("/api/admin/logs?action=auth.login", admin_token).json().at("total").as_int64(), 2);

  auto stats = client->get("/api/admin/stats", admin_token);
  ASSERT_EQ(stats.status, 200);
  const auto counts = stats.json().at("events").at(0);
  EXPECT_EQ(counts.at("approved").as_int64(), 1);
  EXPECT_EQ(counts.at("pending").as_int64(), 0);
  EXPECT_EQ(counts.at("checked_in").as_int64(), 1);
  EXPECT_EQ(client->get("/api/admin/stats", scanner).status, 403);
}

TEST_P(Flow, DeclineRules) {
  const auto event_id = create_event_http({{"name", "E"}});
  const auto a = register_http(event_id);
  auto declined = client->post_json("/api/admin/decline/" + std::to_string(a), {{"reason", "no payment"}}, admin_token);
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(str(declined.json(), "status"), "declined");
  EXPECT_EQ(client->post("/api/admin/approve/" + std::to_string(a), admin_token).status, 409);
  const auto b = register_http(event_id);
  EXPECT_EQ(client->post("/api/admin/approve/" + std::to_string(b), admin_token).status, 200);
  EXPECT_EQ(client->post("/api/admin/decline/" + std::to_string(b), admin_token).status, 409);
  EXPECT_EQ(client->post("/api/admin/approve/424242", admin_token).status, 404);
  EXPECT_EQ(client->post("/api/admin/approve/abc", admin_token).status, 400);
}

TEST_P(Flow, IdempotencyKeyTurnsARetryIntoTheOriginal200) {
  const auto event_id = create_event_http({{"name", "E"}});
  const auto ticket = issued_ticket(event_id);
  const auto code = url_encode(str(ticket, "qr_payload"));
  auto first = client->post("/api/mark-used/" + code, admin_token, {{"Idempotency-Key", "k-1"}});
  auto retry = client->post("/api/mark-used/" + code, admin_token, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(str(retry.json(), "used_at"), str(first.json(), "used_at"));
  EXPECT_TRUE(retry.json().at("replayed").as_bool());
  EXPECT_EQ(client->post("/api/mark-used/" + code, admin_token, {{"Idempotency-Key", "k-2"}}).status, 409);
  EXPECT_EQ(client->post("/api/mark-used/" + code, admin_token, {{"Idempotency-Key", std::string(200, 'k')}}).status, 400);
}

TEST_P(Flow, AGateForOneEventRefusesAnotherEventsTicket) {
  const auto fest = create_event_http({{"name", "Fest"}});
  const auto expo = create_event_http({{"name", "Expo"}});
  const auto code = url_encode(str(issued_ticket(fest), "qr_payload"));
  const auto at_expo = "?event_id=" + std::to_string(expo);
  auto v = client->get("/api/verify-ticket/" + code + at_expo, admin_token);
  EXPECT_EQ(v.status, 409);
  EXPECT_EQ(v.json().at("error").at("code").as_string(), "wrong_event");
  auto m = client->post("/api/mark-used/" + code + at_expo, admin_token);
  EXPECT_EQ(m.status, 409);
  EXPECT_EQ(m.json().at("error").at("code").as_string(), "wrong_event");
  EXPECT_EQ(m.json().at("ticket").at("status").as_string(), "valid") << "not admitted";
  ctx->audit_queue.flush();  // refusals are audited off the request path
  EXPECT_EQ(client->get("/api/admin/logs?action=checkin.wrong_event", admin_token).json().at("total").as_int64(), 2);
  // At its own event's gate the same ticket is admitted.
  EXPECT_EQ(client->post("/api/mark-used/" + code + "?event_id=" + std::to_string(fest), admin_token).status, 200);
  EXPECT_EQ(client->get("/api/verify-ticket/" + code + "?event_id=abc", admin_token).status, 400);
}

TEST_P(Flow, EventWithoutApprovalReturnsTheTicketOnRegistration) {
  const auto event_id = create_event_http({{"name", "Open Day"}, {"requires_approval", false}});
  auto r = client->post_json("/api/register", {{"event_id", event_id}, {"name", "Bob"}, {"email", "bob@example.com"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(str(r.json(), "status"), "approved");
  EXPECT_TRUE(str(r.json().at("ticket"), "qr_payload").starts_with("GP1:"));
}

TEST_P(Flow, EventsArePublicButOnlyPublishedOnesAndWithoutSecrets) {
  create_event_http({{"name", "Public"}});
  create_event_http({{"name", "Draft"}, {"published", false}});
  auto pub = client->get("/api/events");
  ASSERT_EQ(pub.status, 200);
  EXPECT_EQ(pub.json().at("total").as_int64(), 1);
  EXPECT_EQ(pub.body.find("secret"), std::string::npos);
  EXPECT_EQ(client->get("/api/events", admin_token).json().at("total").as_int64(), 2);
  EXPECT_EQ(client->get("/api/events/2").status, 404);
  EXPECT_EQ(client->get("/api/events/2", admin_token).status, 200);
  auto patched = client->patch_json("/api/events/2", {{"published", true}, {"venue", "Hall A"}}, admin_token);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(str(patched.json(), "venue"), "Hall A");
  EXPECT_EQ(client->get("/api/events/2").status, 200);
}

TEST_P(Flow, MultipartRegistrationWithAttachment) {
  const auto event_id = create_event_http({{"name", "E"}});
  auto form = [&](const std::string& file) {
    std::string body = "--B0UND\r\nContent-Disposition: form-data; name=\"event_id\"\r\n\r\n" + std::to_string(event_id) +
                       "\r\n--B0UND\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nZoë\r\n"
                       "--B0UND\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nzoe@example.com\r\n"
                       "--B0UND\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"../../etc/passwd\"\r\n"
                       "Content-Type: image/png\r\n\r\n" + file + "\r\n--B0UND--\r\n";
    return client->request("POST", "/api/register", body, {{"Content-Type", "multipart/form-data; boundary=B0UND"}});
  };
  const auto png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(1000, 'x');
  auto ok = form(png);
  EXPECT_EQ(ok.status, 201) << ok.body;
  // The admin sees the proof of payment with the registration and can open it.
  const auto listed = client->get("/api/admin/registrations", admin_token).json();
  const auto& attachment = listed.at("items").at(0).at("attachments").at(0);
  EXPECT_EQ(attachment.at("content_type").as_string(), "image/png");
  EXPECT_EQ(attachment.at("original_name").as_string(), "passwd.png") << "last path part only, with the sniffed type's extension";
  auto file = client->get(std::string(attachment.at("url").as_string()), admin_token);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, png);
  EXPECT_EQ(file.headers["content-type"], "image/png");
  EXPECT_NE(file.headers["content-security-policy"].find("sandbox"), std::string::npos);
  const auto scanner = token_for_new_user("gate9", "scanner");
  EXPECT_EQ(client->get(std::string(attachment.at("url").as_string()), scanner).status, 403);
  EXPECT_EQ(client->get("/api/admin/attachments/999", admin_token).status, 404);
  auto bad = form("#!/bin/sh\nrm -rf /");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("attachment"), std::string::npos);
  auto big = form(std::string("%PDF-", 5) + std::string(6 * 1024 * 1024, 'x'));
  EXPECT_EQ(big.status, 400) << "over the attachment limit but under the body limit";
}

INSTANTIATE_TEST_SUITE_P(Backends, Flow, ::testing::ValuesIn(backends()), backend_name);
