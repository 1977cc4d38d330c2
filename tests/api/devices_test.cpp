// Gate devices (issue 19, docs/devices.md) over real HTTP on both databases: enrolment with a
// one-time pairing code, the device token, revoke and roll, event assignment of devices and
// scanner users on every gate route, the offline upload named by the token, and admissions in
// the offline pack.
#include <sodium.h>

#include <atomic>

#include "app/context.hpp"
#include "domain/offline_pack.hpp"
#include "domain/ticket_token.hpp"
#include "domain/time.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

namespace {
std::string code_of(const HttpResult& r) {
  const auto j = r.json();
  return j.is_object() && j.as_object().contains("error") ? std::string(j.at("error").at("code").as_string()) : "";
}
std::vector<std::int64_t> ranges(const json::value& text) {
  const auto& s = text.as_string();
  std::string raw(s.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), s.data(), s.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    throw std::runtime_error("not base64url");
  raw.resize(len);
  return *offline::decode_ranges(raw);
}
std::int64_t number_of(const std::string& code) { return static_cast<std::int64_t>(ticket_token::peek(code)->ticket_number); }
}  // namespace

class Devices : public ApiFixture {
 protected:
  std::int64_t event_a = 0, event_b = 0;

  // The server runs on the test's clock (pairing codes expire, uploads are dated).
  void SetUp() override {
    AppFixture::SetUp();
    start_on_test_clock(app::system_now_ms());
    event_a = create_event_http({{"name", "Field Day"}, {"serial_prefix", "FLD26"}});
    event_b = create_event_http({{"name", "Night Show"}, {"serial_prefix", "NGT26"}});
  }

  HttpResult as_device(const std::string& method, const std::string& target, const std::string& token,
                       const std::optional<json::value>& body = std::nullopt) {
    std::map<std::string, std::string> h{{"Authorization", "Device " + token}};
    if (body) h["Content-Type"] = "application/json";
    return client->request(method, target, body ? json::serialize(*body) : "", h);
  }

  json::object create_device(const json::object& body) {
    auto r = client->post_json("/api/devices", body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }
  HttpResult enroll(const std::string& pairing_code) {
    return client->post_json("/api/devices/enroll", {{"pairing_code", pairing_code}, {"app_version", "web-test"}});
  }
  // A device of `events` at `gate` (null: any), enrolled; returns its token.
  std::string enrolled_device(const json::array& events, const json::value& gate = nullptr, std::string* device_id = nullptr) {
    auto made = create_device({{"name", "North phone"}, {"event_ids", events}, {"gate", gate}});
    auto r = enroll(std::string(made.at("pairing_code").as_string()));
    EXPECT_EQ(r.status, 200) << r.body;
    if (device_id) *device_id = std::string(r.json().at("device").at("device_id").as_string());
    return std::string(r.json().at("token").as_string());
  }
  std::string code_for(std::int64_t event) { return std::string(issued_ticket(event).at("qr_payload").as_string()); }
  std::string path(std::int64_t event, const std::string& rest) { return "/api/events/" + std::to_string(event) + rest; }
};

TEST_P(Devices, EnrolmentGivesATokenOnceAndTheListShowsTheDevice) {
  auto made = create_device({{"name", "North phone"}, {"event_ids", json::array{event_a}}, {"gate", "North"}});
  const std::string code(made.at("pairing_code").as_string());
  EXPECT_EQ(made.at("device").at("status").as_string(), "pending");
  EXPECT_EQ(made.at("pairing_url").as_string(), "/scan#pair=" + code);
  // Typed as a person would: lower case, no dashes.
  std::string typed;
  for (char ch : code)
    if (ch != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  auto first = enroll(typed);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto token = std::string(first.json().at("token").as_string());
  EXPECT_GE(token.size(), 40u);
  EXPECT_EQ(first.json().at("device").at("events").at(0).at("name").as_string(), "Field Day");
  auto again = enroll(code);
  EXPECT_EQ(again.status, 400) << "a pairing code works once";
  EXPECT_TRUE(again.json().at("error").at("fields").as_object().contains("pairing_code"));
  EXPECT_EQ(enroll("not a code").status, 400);

  auto me = as_device("GET", "/api/devices/me", token);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json().at("device").at("gate").as_string(), "North");
  auto list = client->get("/api/devices", admin_token).json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("status").as_string(), "active");
  EXPECT_EQ(list[0].at("app_version").as_string(), "web-test");
  EXPECT_FALSE(list[0].at("last_seen_at").is_null());
  // Only admins manage devices; a device reaches only the gate's routes.
  EXPECT_EQ(as_device("GET", "/api/devices", token).status, 403);
  EXPECT_EQ(as_device("GET", "/api/admin/registrations", token).status, 403);
  EXPECT_EQ(as_device("GET", "/api/auth/me", token).status, 403);
  EXPECT_EQ(as_device("GET", "/api/devices/me", "made-up-token").status, 401);
}

TEST_P(Devices, APairingCodeExpiresAfterTenMinutesAndBadInputNamesTheField) {
  auto made = create_device({{"name", "Late phone"}, {"event_ids", json::array{event_a}}});
  clock_ms += 10 * 60'000 + 1;
  auto late = enroll(std::string(made.at("pairing_code").as_string()));
  EXPECT_EQ(late.status, 400);
  EXPECT_EQ(code_of(late), "validation_error");
  auto no_events = client->post_json("/api/devices", {{"name", "x"}, {"event_ids", json::array{}}}, admin_token);
  EXPECT_EQ(no_events.status, 400);
  EXPECT_TRUE(no_events.json().at("error").at("fields").as_object().contains("event_ids"));
  auto unknown = client->post_json("/api/devices", {{"name", "x"}, {"event_ids", json::array{999999}}}, admin_token);
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  auto long_name = client->post_json("/api/devices", {{"name", std::string(65, 'n')}, {"event_ids", json::array{event_a}}},
                                     admin_token);
  EXPECT_EQ(long_name.status, 400);
  EXPECT_TRUE(long_name.json().at("error").at("fields").as_object().contains("name"));
}

TEST_P(Devices, RacingEnrolmentsWithOneCodeGetOneToken) {
  auto made = create_device({{"name", "Raced"}, {"event_ids", json::array{event_a}}});
  const std::string code(made.at("pairing_code").as_string());
  std::atomic<int> enrolled{0}, refused{0};
  race(8, [&](int) {
    HttpClient own(port);
    auto r = own.post_json("/api/devices/enroll", {{"pairing_code", code}, {"app_version", "web-test"}});
    if (r.status == 200) ++enrolled;
    else if (r.status == 400) ++refused;
  });
  EXPECT_EQ(enrolled.load(), 1);
  EXPECT_EQ(refused.load(), 7);
}

TEST_P(Devices, RevokeAndRollStopTheOldTokenAtOnce) {
  auto made = create_device({{"name", "Phone"}, {"event_ids", json::array{event_a}}});
  const auto id = std::to_string(made.at("device").at("id").as_int64());
  const auto token = std::string(enroll(std::string(made.at("pairing_code").as_string())).json().at("token").as_string());
  ASSERT_EQ(as_device("GET", "/api/devices/me", token).status, 200);

  auto rolled = client->post("/api/devices/" + id + "/roll", admin_token);
  ASSERT_EQ(rolled.status, 200) << rolled.body;
  EXPECT_EQ(as_device("GET", "/api/devices/me", token).status, 401) << "the old token stops at once";
  const auto rolled_token = std::string(rolled.json().at("token").as_string());
  EXPECT_EQ(as_device("GET", "/api/devices/me", rolled_token).status, 200);
  // Re-pairing with the roll's code gives the phone its own new token; the rolled one stops.
  auto repaired = enroll(std::string(rolled.json().at("pairing_code").as_string()));
  ASSERT_EQ(repaired.status, 200) << repaired.body;
  EXPECT_EQ(as_device("GET", "/api/devices/me", rolled_token).status, 401);
  const auto phone_token = std::string(repaired.json().at("token").as_string());
  EXPECT_EQ(as_device("GET", "/api/devices/me", phone_token).status, 200);

  auto revoked = client->post("/api/devices/" + id + "/revoke", admin_token);
  ASSERT_EQ(revoked.status, 200);
  EXPECT_EQ(revoked.json().at("device").at("status").as_string(), "revoked");
  EXPECT_EQ(as_device("GET", "/api/devices/me", phone_token).status, 401);
  EXPECT_EQ(as_device("POST", "/api/mark-used/" + url_encode(code_for(event_a)), phone_token).status, 401);
  EXPECT_EQ(client->post("/api/devices/" + id + "/roll", admin_token).status, 409) << "a revoked device stays revoked";
}

TEST_P(Devices, ADeviceScansOnlyItsEventsAtItsGateUnderItsOwnName) {
  std::string device_id;
  const auto token = enrolled_device(json::array{event_a}, "North", &device_id);
  const auto mine = code_for(event_a);
  const auto other = code_for(event_b);
  // Its one event is the gate's event: another event's ticket is the wrong event, and naming
  // that event is not allowed at all.
  EXPECT_EQ(as_device("GET", "/api/verify-ticket/" + url_encode(mine), token).status, 200);
  EXPECT_EQ(code_of(as_device("GET", "/api/verify-ticket/" + url_encode(other), token)), "wrong_event");
  auto foreign = as_device("GET", "/api/verify-ticket/" + url_encode(other) + "?event_id=" + std::to_string(event_b), token);
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(code_of(foreign), "not_assigned");
  for (const auto& route : {path(event_b, "/offline-pack"), path(event_b, "/live"),
                            "/api/scans?event_id=" + std::to_string(event_b)})
    EXPECT_EQ(code_of(as_device("GET", route, token)), "not_assigned") << route;
  EXPECT_EQ(as_device("GET", path(event_a, "/offline-pack"), token).status, 200);

  // Another gate than its own is refused; its scans carry its gate and its server-made name.
  auto south = as_device("POST", "/api/mark-used/" + url_encode(mine) + "?gate=South", token);
  EXPECT_EQ(south.status, 403);
  EXPECT_TRUE(south.json().at("error").at("fields").as_object().contains("gate"));
  auto admitted = as_device("POST", "/api/mark-used/" + url_encode(mine) + "?device_id=someone-else", token);
  ASSERT_EQ(admitted.status, 200) << admitted.body;
  EXPECT_EQ(admitted.json().at("scan").at("gate").as_string(), "North");
  EXPECT_EQ(admitted.json().at("scan").at("device_id").as_string(), device_id);
  EXPECT_EQ(code_of(as_device("POST", "/api/mark-used/" + url_encode(mine), token)), "already_used");
  // The audit names the device, not a user.
  auto log = client->get("/api/admin/logs?action=checkin.admitted", admin_token).json().at("items").as_array();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].at("actor").as_string(), "device:" + device_id);
}

TEST_P(Devices, ScannerUsersScanOnlyTheirEventsAndChangesApplyAtOnce) {
  const auto scanner = scanner_for("gate-a", json::array{event_a});
  const auto other = code_for(event_b);
  EXPECT_EQ(code_of(client->get("/api/verify-ticket/" + url_encode(other) + "?event_id=" + std::to_string(event_b), scanner)),
            "not_assigned");
  EXPECT_EQ(code_of(client->get(path(event_b, "/offline-pack"), scanner)), "not_assigned");
  const auto nobody = scanner_for("gate-none", json::array{});
  EXPECT_EQ(code_of(client->get(path(event_a, "/offline-pack"), nobody)), "not_assigned") << "none = none";
  EXPECT_EQ(code_of(client->post("/api/mark-used/" + url_encode(code_for(event_a)), nobody)), "not_assigned");

  auto users = client->get("/api/users?limit=200", admin_token).json().at("items").as_array();
  std::int64_t id = 0;
  for (const auto& u : users)
    if (u.at("username").as_string() == "gate-a") {
      id = u.at("id").as_int64();
      EXPECT_EQ(u.at("event_ids").as_array().size(), 1u);
    }
  ASSERT_NE(id, 0);
  auto patched = client->patch_json("/api/users/" + std::to_string(id), {{"event_ids", json::array{event_a, event_b}}}, admin_token);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(client->get(path(event_b, "/offline-pack"), scanner).status, 200) << "the same session, at once";
  auto viewer_events = client->post_json("/api/users", {{"username", "watcher"}, {"password", "password-for-watcher"},
                                                        {"role", "viewer"}, {"event_ids", json::array{event_a}}},
                                         admin_token);
  EXPECT_EQ(viewer_events.status, 400) << "only scanners are assigned";
}

TEST_P(Devices, TheUploadIsFiledUnderTheTokensDeviceAndMergesOnlyItsOwnAdmission) {
  std::string device_id;
  const auto token = enrolled_device(json::array{event_a}, nullptr, &device_id);
  const auto code = code_for(event_a);
  ASSERT_EQ(as_device("POST", "/api/mark-used/" + url_encode(code), token).status, 200);
  // A scanner user naming that device cannot have a second admission merged away.
  const auto scanner = scanner_for("steward", json::array{event_a});
  auto spoofed = client->post_json("/api/scans/offline",
                                   {{"device_id", device_id},
                                    {"scans", json::array{{{"code", code}, {"nonce", "spoofed-nonce-1"},
                                                           {"scanned_at", format_iso8601(clock_ms.load() - 1000)}}}}},
                                   scanner);
  ASSERT_EQ(spoofed.status, 200) << spoofed.body;
  EXPECT_EQ(spoofed.json().at("results").at(0).at("reason").as_string(), "double_admission");
  // The device's own lost answer is merged; a body device_id it sends is ignored.
  auto own = as_device("POST", "/api/scans/offline", token,
                       json::object{{"device_id", "phone-of-someone-else"},
                                    {"scans", json::array{{{"code", code}, {"nonce", "own-nonce-0001"},
                                                           {"scanned_at", format_iso8601(clock_ms.load() - 1000)}}}}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("device_id").as_string(), device_id);
  EXPECT_EQ(own.json().at("results").at(0).at("reason").as_string(), "already_recorded");
  auto report = client->get(path(event_a, "/conflicts"), admin_token).json();
  std::set<std::string> reasons;
  for (const auto& item : report.at("items").as_array()) reasons.insert(std::string(item.at("reason").as_string()));
  EXPECT_EQ(reasons, (std::set<std::string>{"double_admission", "already_recorded"}));
  auto listed = client->get("/api/devices", admin_token).json().at("items").at(0);
  EXPECT_EQ(listed.at("queued_at_last_sync").as_int64(), 1);
  EXPECT_FALSE(listed.at("last_sync_at").is_null());
}

TEST_P(Devices, ASerialTypedAtAnOfflineGateIsUploadedAndAdmits) {
  const auto token = enrolled_device(json::array{event_a});
  const auto mine = issued_ticket(event_a), other = issued_ticket(event_b);
  const auto up = [&](const json::value& serial, const std::string& nonce) {
    return as_device("POST", "/api/scans/offline", token,
                     json::object{{"scans", json::array{{{"code", serial}, {"nonce", nonce},
                                                         {"scanned_at", format_iso8601(clock_ms.load() - 1000)}}}}});
  };
  auto typed = up(mine.at("serial"), "typed-nonce-0001");
  ASSERT_EQ(typed.status, 200) << typed.body;
  EXPECT_EQ(typed.json().at("results").at(0).at("outcome").as_string(), "admitted") << typed.body;
  EXPECT_EQ(client->get("/api/tickets/" + std::string(mine.at("serial").as_string()), admin_token).json().at("status").as_string(),
            "used");
  // Another event's serial tells nothing and changes nothing.
  auto foreign = up(other.at("serial"), "typed-nonce-0002");
  EXPECT_EQ(foreign.json().at("results").at(0).at("reason").as_string(), "not_assigned") << foreign.body;
  EXPECT_TRUE(foreign.json().at("results").at(0).at("serial").is_null());
  EXPECT_EQ(client->get("/api/tickets/" + std::string(other.at("serial").as_string()), admin_token).json().at("status").as_string(),
            "valid");
}

TEST_P(Devices, UploadedScanTimesStayInTheBatchWindow) {
  const auto token = enrolled_device(json::array{event_a});
  const auto first = code_for(event_a);
  const auto second_ticket = issued_ticket(event_a);
  const std::string second(second_ticket.at("qr_payload").as_string()), second_serial(second_ticket.at("serial").as_string());
  const Millis first_sync = clock_ms.load();
  auto up = [&](const std::string& code, const std::string& nonce, Millis at) {
    return as_device("POST", "/api/scans/offline", token,
                     json::object{{"queued", 1},
                                  {"scans", json::array{{{"code", code}, {"nonce", nonce}, {"scanned_at", format_iso8601(at)}}}}});
  };
  ASSERT_EQ(up(first, "window-nonce-1", first_sync - 60'000).status, 200);
  clock_ms += 3600'000;
  // Claimed to have been scanned a day ago, i.e. before the device's previous sync: impossible.
  ASSERT_EQ(up(second, "window-nonce-2", first_sync - 24 * 3600'000).status, 200);
  const auto used = client->get("/api/tickets/" + second_serial, admin_token);
  ASSERT_EQ(used.status, 200) << used.body;
  EXPECT_EQ(parse_iso8601(std::string(used.json().at("used_at").as_string())), first_sync);
}

TEST_P(Devices, ThePackCarriesAdmissionsAndDeltasReportThem) {
  const auto token = enrolled_device(json::array{event_a});
  const auto admitted = code_for(event_a), waiting = code_for(event_a);
  auto full = as_device("GET", path(event_a, "/offline-pack"), token).json();
  EXPECT_TRUE(ranges(full.at("admitted").at("used")).empty());
  const std::string cursor(full.at("cursor").as_string());
  ASSERT_EQ(as_device("POST", "/api/mark-used/" + url_encode(admitted), token).status, 200);
  auto delta = as_device("GET", path(event_a, "/offline-pack?since=" + cursor), token).json();
  const auto& changes = delta.at("changes").as_array();
  ASSERT_EQ(changes.size(), 1u) << json::serialize(delta);
  EXPECT_EQ(changes[0].at("number").as_int64(), number_of(admitted));
  EXPECT_TRUE(changes[0].at("used").as_bool());
  EXPECT_TRUE(changes[0].at("refused").is_null());
  auto again = as_device("GET", path(event_a, "/offline-pack"), token).json();
  EXPECT_EQ(ranges(again.at("admitted").at("used")), std::vector<std::int64_t>{number_of(admitted)});
  EXPECT_EQ(again.at("counts").at("used").as_int64(), 1);
  EXPECT_NE(number_of(waiting), number_of(admitted));
  auto listed = client->get("/api/devices", admin_token).json().at("items").at(0);
  EXPECT_FALSE(listed.at("pack_generated_at").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, Devices, ::testing::ValuesIn(backends()), backend_name);
