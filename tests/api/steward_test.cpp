// The steward's screen (issue 19, docs/devices.md §5) over real HTTP on both databases: undoing an
// admission (who may, the window, racing undos, counts that follow), every refusal at verify a
// scan row (coalesced for a minute), name search at the gate, the gate summary, and assignment.
// The server runs on the test's clock, so windows are crossed without sleeping.
#include <atomic>
#include <map>
#include <set>

#include "app/audit_queue.hpp"
#include "app/gate/attendee_search.hpp"
#include "app/gate/gate_summary.hpp"
#include "app/gate/undo_admission.hpp"
#include "domain/error.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class Steward : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  std::string scanner, other_scanner;

  void SetUp() override {
    AppFixture::SetUp();
    start_on_test_clock(app::system_now_ms());
    event_id = create_event_http({{"name", "Harbour Fest"}, {"serial_prefix", "HBR26"}});
    scanner = token_for_new_user("gate-a", "scanner");
    other_scanner = token_for_new_user("gate-b", "scanner");
  }
  void advance(Millis ms) { clock_ms += ms; }

  std::string ev() const { return std::to_string(event_id); }
  static std::string code_of(const json::object& ticket) { return url_encode(str(ticket, "qr_payload")); }
  static std::string error_code_of(const HttpResult& r) {
    const auto j = r.json();
    if (!j.is_object() || !j.as_object().contains("error")) return "(status " + std::to_string(r.status) + ") " + r.body;
    return std::string(j.at("error").at("code").as_string());
  }
  HttpResult admit(const json::object& ticket, const std::string& token, const std::string& where = "gate=North&device_id=phone-1") {
    return client->post("/api/mark-used/" + code_of(ticket) + "?event_id=" + ev() + "&" + where, token);
  }
  HttpResult undo(const std::string& serial, const std::string& token, const std::string& reason = "wrong ticket scanned") {
    return client->post_json("/api/tickets/" + serial + "/undo-admission", {{"reason", reason}}, token);
  }
  json::array scans_of(const std::string& serial) {
    ctx->audit_queue.flush();
    auto r = client->get("/api/tickets/" + serial + "/scans", admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }
  json::object report() {
    auto r = client->get("/api/events/" + ev() + "/attendance", admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  static std::int64_t gate_entries(const json::object& counts, const std::string& gate) {
    for (const auto& g : counts.at("per_gate").as_array())
      if (g.at("gate").as_string() == gate) return g.at("entries").as_int64();
    return 0;
  }
  std::int64_t audit_total(const std::string& action) {
    ctx->audit_queue.flush();
    return client->get("/api/admin/logs?action=" + action, admin_token).json().at("total").as_int64();
  }
  HttpResult as_device(const std::string& method, const std::string& target, const std::string& token,
                       const std::optional<json::value>& body = std::nullopt) {
    std::map<std::string, std::string> h{{"Authorization", "Device " + token}};
    if (body) h["Content-Type"] = "application/json";
    return client->request(method, target, body ? json::serialize(*body) : "", h);
  }
  // An enrolled device of `events` at `gate` (null: any); returns its token, and its device_id.
  std::string enrolled_device(const json::array& events, const json::value& gate, std::string& device_id) {
    auto made = client->post_json("/api/devices", {{"name", "Gate phone"}, {"event_ids", events}, {"gate", gate}}, admin_token);
    EXPECT_EQ(made.status, 201) << made.body;
    auto r = client->post_json("/api/devices/enroll",
                               {{"pairing_code", made.json().at("pairing_code")}, {"app_version", "web-test"}});
    EXPECT_EQ(r.status, 200) << r.body;
    device_id = std::string(r.json().at("device").at("device_id").as_string());
    return std::string(r.json().at("token").as_string());
  }
  // A steward of other events only (as a device or an assigned scanner is, docs/devices.md §2).
  app::Principal assigned_elsewhere() const {
    app::Principal p;
    p.user_id = admin.user_id;  // a real account (audit rows name it), acting as a scanner
    p.username = admin.username;
    p.role = Role::scanner;
    p.event_ids = std::vector<Id>{event_id + 1000};
    return p;
  }
};

TEST_P(Steward, AnAdminUndoesAnAdmissionAndTheCountsFollow) {
  const auto ticket = issued_ticket(event_id);
  const auto serial = str(ticket, "serial");
  ASSERT_EQ(admit(ticket, scanner).status, 200);
  auto before = report();
  EXPECT_EQ(before.at("admitted").as_int64(), 1);
  EXPECT_EQ(gate_entries(before, "North"), 1);

  auto r = undo(serial, admin_token, "Scanned the wrong phone");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  EXPECT_EQ(body.at("status").as_string(), "valid");
  EXPECT_FALSE(body.at("inside").as_bool());
  EXPECT_TRUE(body.at("used_at").is_null());
  EXPECT_EQ(body.at("result").as_string(), "undone");
  EXPECT_EQ(body.at("scan").at("type").as_string(), "undo");
  EXPECT_EQ(body.at("scan").at("result").as_string(), "undone");
  EXPECT_EQ(body.at("scan").at("note").as_string(), "Scanned the wrong phone");
  EXPECT_EQ(body.at("scan").at("gate").as_string(), "North") << "the admission's gate";
  EXPECT_EQ(body.at("undone_scan").at("result").as_string(), "admitted");

  const auto rows = scans_of(serial);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("type").as_string(), "undo");
  EXPECT_EQ(rows[1].at("user").as_string(), "admin");
  ctx->audit_queue.flush();
  auto logs = client->get("/api/admin/logs?action=checkin.undo", admin_token).json();
  ASSERT_EQ(logs.at("total").as_int64(), 1);
  EXPECT_EQ(logs.at("items").at(0).at("details").at("reason").as_string(), "Scanned the wrong phone");
  auto scans_list = client->get("/api/scans?event_id=" + ev() + "&type=undo", admin_token);
  ASSERT_EQ(scans_list.status, 200) << scans_list.body;
  EXPECT_EQ(scans_list.json().at("items").as_array().size(), 1u);

  // The report, the stats and the live counts no longer count it; an undo is not a refusal.
  auto after = report();
  EXPECT_EQ(after.at("admitted").as_int64(), 0);
  EXPECT_EQ(after.at("inside").as_int64(), 0);
  EXPECT_EQ(gate_entries(after, "North"), 0);
  std::int64_t arrivals = 0;
  for (const auto& a : after.at("arrivals").as_array()) arrivals += a.at("count").as_int64();
  EXPECT_EQ(arrivals, 0);
  EXPECT_EQ(after.at("inside_over_time").as_array().back().at("inside").as_int64(), 0);
  EXPECT_TRUE(after.at("refused").as_array().empty()) << after.at("refused");

  // Nothing left to undo; the ticket is admitted again as if never scanned.
  EXPECT_EQ(error_code_of(undo(serial, admin_token)), "not_admitted");
  EXPECT_EQ(undo(serial, admin_token).status, 409);
  auto again = admit(ticket, other_scanner, "gate=South&device_id=phone-9");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("result").as_string(), "admitted");
  EXPECT_EQ(error_code_of(admit(ticket, other_scanner)), "already_used");
  auto readmitted = report();
  EXPECT_EQ(readmitted.at("admitted").as_int64(), 1);
  EXPECT_EQ(gate_entries(readmitted, "South"), 1);
  EXPECT_EQ(gate_entries(readmitted, "North"), 0);
}

TEST_P(Steward, AStewardUndoesOnlyItsOwnRecentAdmission) {
  const auto mine = issued_ticket(event_id);
  const auto theirs = issued_ticket(event_id);
  ASSERT_EQ(admit(mine, scanner).status, 200);
  ASSERT_EQ(admit(theirs, other_scanner, "gate=North&device_id=phone-2").status, 200);

  // Another account's admission: only an admin may undo it.
  auto refused = undo(str(theirs, "serial"), scanner);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(error_code_of(refused), "undo_window_passed");

  advance(4 * 60'000);  // within the 5 minutes
  auto own = undo(str(mine, "serial"), scanner);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("status").as_string(), "valid");
  EXPECT_EQ(own.json().at("scan").at("device_id").as_string(), "phone-1") << "the steward's device, from its admission";

  // Re-admitted, then too late: the steward is refused, an admin still may.
  ASSERT_EQ(admit(mine, scanner).status, 200);
  advance(5 * 60'000 + 1);
  auto late = undo(str(mine, "serial"), scanner);
  EXPECT_EQ(late.status, 403) << late.body;
  EXPECT_EQ(error_code_of(late), "undo_window_passed");
  EXPECT_EQ(undo(str(mine, "serial"), admin_token).status, 200);

  // Bad input, unknown tickets and roles that may not undo.
  auto no_reason = client->post_json("/api/tickets/" + str(theirs, "serial") + "/undo-admission", json::object{}, admin_token);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(no_reason.json().at("error").at("fields").as_object().contains("reason")) << no_reason.body;
  auto too_long = undo(str(theirs, "serial"), admin_token, std::string(501, 'x'));
  EXPECT_EQ(too_long.status, 400);
  EXPECT_TRUE(too_long.json().at("error").at("fields").as_object().contains("reason")) << too_long.body;
  auto blank = undo(str(theirs, "serial"), admin_token, "   ");
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_EQ(undo("HBR26-999999", admin_token).status, 404);
  EXPECT_EQ(undo(str(theirs, "serial"), token_for_new_user("desk", "viewer")).status, 403);
  EXPECT_EQ(scans_of(str(theirs, "serial")).size(), 1u) << "no refused undo wrote a row";
}

TEST_P(Steward, OfManyRacingUndosExactlyOneSucceeds) {
  const auto ticket = issued_ticket(event_id);
  const auto serial = str(ticket, "serial");
  ASSERT_EQ(admit(ticket, scanner).status, 200);
  constexpr int kRacers = 8;
  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kRacers; ++i) clients.push_back(std::make_unique<HttpClient>(port));
  std::vector<int> statuses(kRacers);
  std::vector<std::string> codes(kRacers);
  race(kRacers, [&](int i) {
    auto r = clients[i]->post_json("/api/tickets/" + serial + "/undo-admission", {{"reason", "race " + std::to_string(i)}},
                                   i % 2 ? admin_token : scanner);
    statuses[i] = r.status;
    codes[i] = r.status == 200 ? "" : error_code_of(r);
  });
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(codes.begin(), codes.end(), "not_admitted"), kRacers - 1);
  int undos = 0;
  for (const auto& s : scans_of(serial)) undos += s.at("type").as_string() == "undo";
  EXPECT_EQ(undos, 1);
  EXPECT_EQ(audit_total("checkin.undo"), 1);
  EXPECT_EQ(report().at("admitted").as_int64(), 0);

  // An undo racing re-admissions: the ticket ends consistent (admitted once, or not at all).
  ASSERT_EQ(admit(ticket, scanner).status, 200);
  race(kRacers, [&](int i) {
    if (i == 0) statuses[i] = clients[i]->post_json("/api/tickets/" + serial + "/undo-admission", {{"reason", "r"}}, admin_token).status;
    else statuses[i] = clients[i]->post("/api/mark-used/" + code_of(ticket) + "?event_id=" + ev(), scanner).status;
  });
  const auto t = client->get("/api/tickets/" + serial, admin_token).json();
  const auto admitted_after = std::count(statuses.begin() + 1, statuses.end(), 200);
  EXPECT_EQ(statuses[0], 200);
  EXPECT_LE(admitted_after, 1);
  EXPECT_EQ(t.at("status").as_string(), admitted_after == 1 ? "used" : "valid") << t;
  EXPECT_EQ(report().at("admitted").as_int64(), admitted_after);
}

TEST_P(Steward, EveryRefusalAtVerifyIsOneScanRowWithGateAndDevice) {
  const auto ticket = issued_ticket(event_id);
  const auto serial = str(ticket, "serial");
  ASSERT_EQ(admit(ticket, scanner).status, 200);
  const auto verify = [&](const std::string& query, const std::string& token) {
    return client->get("/api/verify-ticket/" + code_of(ticket) + "?event_id=" + ev() + "&" + query, token);
  };
  auto shown = verify("gate=South&device_id=phone-2", scanner);
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.json().at("refusal").as_string(), "already_used");
  auto rows = scans_of(serial);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].at("type").as_string(), "entry_check");
  EXPECT_EQ(rows[1].at("result").as_string(), "already_used");
  EXPECT_EQ(rows[1].at("gate").as_string(), "South");
  EXPECT_EQ(rows[1].at("device_id").as_string(), "phone-2");
  EXPECT_EQ(rows[1].at("user").as_string(), "gate-a");

  // The phone re-reads it: no second row within 60 s (even after the first was written).
  for (int i = 0; i < 3; ++i) ASSERT_EQ(verify("gate=South&device_id=phone-2", scanner).status, 200);
  advance(59'000);
  ASSERT_EQ(verify("gate=South&device_id=phone-2", scanner).status, 200);
  EXPECT_EQ(scans_of(serial).size(), 2u);
  // Another device, another mode: rows of their own; after the minute, a new row.
  ASSERT_EQ(verify("gate=West&device_id=phone-3&type=entry", scanner).status, 200);
  advance(2'000);
  ASSERT_EQ(verify("gate=South&device_id=phone-2", scanner).status, 200);
  rows = scans_of(serial);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].at("device_id").as_string(), "phone-3");
  EXPECT_EQ(rows[2].at("type").as_string(), "entry");
  EXPECT_EQ(rows[3].at("device_id").as_string(), "phone-2");
  // Without a device: coalesced per user.
  ASSERT_EQ(verify("gate=South", other_scanner).status, 200);
  ASSERT_EQ(verify("gate=South", other_scanner).status, 200);
  rows = scans_of(serial);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_TRUE(rows[4].at("device_id").is_null());
  EXPECT_EQ(rows[4].at("user").as_string(), "gate-b");
  EXPECT_EQ(audit_total("checkin.verify_not_valid"), 0) << "an already-used ticket shown is no suspicious code";

  // A forged code: one row and its audit row, repeats counted in the audit only.
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client->get("/api/verify-ticket/GP1%3Aforged?event_id=" + ev() + "&gate=North&device_id=phone-1", scanner).status, 404);
  ctx->audit_queue.flush();
  auto forged = client->get("/api/scans?event_id=" + ev() + "&result=invalid", admin_token).json().at("items").as_array();
  ASSERT_EQ(forged.size(), 1u);
  EXPECT_EQ(forged[0].at("gate").as_string(), "North");
  EXPECT_EQ(forged[0].at("device_id").as_string(), "phone-1");
  std::int64_t counted = 0;
  const auto audited = client->get("/api/admin/logs?action=checkin.verify_invalid", admin_token).json();
  for (const auto& row : audited.at("items").as_array()) counted += row.at("details").at("count").as_int64();
  EXPECT_EQ(counted, 3);

  // Bad gate, device or mode: 400 naming it.
  auto bad = verify("type=teleport", scanner);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("type"));
  bad = verify("device_id=has%20space", scanner);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("device_id"));
  EXPECT_EQ(verify("gate=" + std::string(100, 'g'), scanner).status, 400);
}

TEST_P(Steward, NameSearchIsOffUntilTheEventAllowsItAndShowsNoContactDetails) {
  for (int i = 0; i < 12; ++i) {
    const auto reg = register_http(event_id, "Sam Smith " + std::to_string(i));
    ASSERT_EQ(client->post("/api/admin/approve/" + std::to_string(reg), admin_token).status, 200);
  }
  const auto other = issued_ticket(event_id);  // "Alice"
  ASSERT_EQ(admit(other, scanner).status, 200);
  const auto search = [&](const std::string& q, const std::string& token) {
    return client->get("/api/events/" + ev() + "/attendees?q=" + url_encode(q), token);
  };
  auto off = search("smith", scanner);
  EXPECT_EQ(off.status, 403) << off.body;
  EXPECT_EQ(error_code_of(off), "gate_lookup_disabled");
  auto e = client->get("/api/events/" + ev(), admin_token).json();
  EXPECT_EQ(e.at("gate_lookup").as_string(), "none");
  auto bad = client->patch_json("/api/events/" + ev(), {{"gate_lookup", "email"}}, admin_token);
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json().at("error").at("fields").as_object().contains("gate_lookup")) << bad.body;
  auto on = client->patch_json("/api/events/" + ev(), {{"gate_lookup", "name"}}, admin_token);
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(on.json().at("gate_lookup").as_string(), "name");

  auto found = search("SMITH", scanner);
  ASSERT_EQ(found.status, 200) << found.body;
  const auto items = found.json().at("items").as_array();
  EXPECT_EQ(items.size(), 10u) << "at most 10";
  for (const auto& item : items) {
    EXPECT_EQ(item.as_object().size(), 4u) << item;  // name, team, serial, state: never email or phone
    EXPECT_NE(std::string(item.at("name").as_string()).find("Smith"), std::string::npos);
    EXPECT_EQ(item.at("state").as_string(), "valid");
  }
  EXPECT_EQ(found.body.find("@example.com"), std::string::npos);
  auto alice = search("ali", admin_token).json().at("items").as_array();
  ASSERT_EQ(alice.size(), 1u);
  EXPECT_EQ(alice[0].at("state").as_string(), "inside");
  EXPECT_EQ(alice[0].at("serial").as_string(), str(other, "serial"));
  EXPECT_TRUE(search("nobody-here", scanner).json().at("items").as_array().empty());

  auto short_q = search("s", scanner);
  EXPECT_EQ(short_q.status, 400);
  EXPECT_TRUE(short_q.json().at("error").at("fields").as_object().contains("q"));
  EXPECT_EQ(search(std::string(65, 'x'), scanner).status, 400);
  EXPECT_EQ(search("smith", token_for_new_user("desk", "viewer")).status, 403);

  // Audited with the query's length, not its text.
  ctx->audit_queue.flush();
  auto logs = client->get("/api/admin/logs?action=gate.lookup", admin_token);
  ASSERT_EQ(logs.status, 200);
  EXPECT_GE(logs.json().at("total").as_int64(), 2);
  EXPECT_EQ(logs.body.find("SMITH"), std::string::npos) << logs.body;
  EXPECT_NE(logs.body.find("\"query_length\":5"), std::string::npos) << logs.body;

  // 20 searches a minute per user (two spent above; refused ones cost nothing); the admin's are its own.
  int ok = 2;
  HttpResult limited;
  for (int i = 0; i < 30; ++i) {
    limited = search("smith", scanner);
    if (limited.status != 200) break;
    ++ok;
  }
  EXPECT_EQ(ok, 20);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(search("smith", admin_token).status, 200);
  advance(60'000);
  EXPECT_EQ(search("smith", scanner).status, 200) << "the budget refills";
}

TEST_P(Steward, TheGateSummaryShowsTheEventFromOneGateAndDevice) {
  const auto a = issued_ticket(event_id), b = issued_ticket(event_id), c = issued_ticket(event_id);
  ASSERT_EQ(admit(a, scanner).status, 200);
  ASSERT_EQ(admit(b, scanner).status, 200);
  ASSERT_EQ(admit(c, other_scanner, "gate=South&device_id=phone-2").status, 200);
  ASSERT_EQ(client->get("/api/verify-ticket/" + code_of(a) + "?event_id=" + ev() + "&gate=North&device_id=phone-1", scanner).status, 200);
  ctx->audit_queue.flush();
  const auto summary = [&](const std::string& query, const std::string& token) {
    return client->get("/api/events/" + ev() + "/gate-summary?" + query, token);
  };
  auto r = summary("gate=North&device_id=phone-1", scanner);
  ASSERT_EQ(r.status, 200) << r.body;
  auto s = r.json();
  EXPECT_EQ(s.at("inside").as_int64(), 3);
  EXPECT_EQ(s.at("admitted_total").as_int64(), 3);
  EXPECT_EQ(s.at("admitted_at_gate").as_int64(), 2);
  const auto last = s.at("last_scans").as_array();
  ASSERT_EQ(last.size(), 3u) << "two admissions and one refusal of phone-1";
  EXPECT_EQ(last[0].at("result").as_string(), "already_used") << "newest first";
  for (const auto& scan : last) EXPECT_EQ(scan.at("device_id").as_string(), "phone-1");

  ASSERT_EQ(undo(str(b, "serial"), scanner).status, 200);
  s = summary("gate=North&device_id=phone-1", token_for_new_user("desk", "viewer")).json();
  EXPECT_EQ(s.at("admitted_total").as_int64(), 2);
  EXPECT_EQ(s.at("admitted_at_gate").as_int64(), 1);
  EXPECT_EQ(s.at("inside").as_int64(), 2);
  EXPECT_EQ(s.at("last_scans").at(0).at("type").as_string(), "undo");

  // Without a gate or device: the entries that named no gate, the caller's own scans.
  s = summary("", other_scanner).json();
  EXPECT_EQ(s.at("admitted_at_gate").as_int64(), 0);
  ASSERT_EQ(s.at("last_scans").as_array().size(), 1u);
  EXPECT_EQ(s.at("last_scans").at(0).at("user").as_string(), "gate-b");
  EXPECT_EQ(summary("device_id=has%20space", scanner).status, 400);
  EXPECT_EQ(client->get("/api/events/999999/gate-summary", admin_token).status, 404);
}

TEST_P(Steward, AStewardOfOtherEventsIsNotAssignedHere) {
  const auto ticket = issued_ticket(event_id);
  ASSERT_EQ(admit(ticket, scanner).status, 200);
  ASSERT_EQ(client->patch_json("/api/events/" + ev(), {{"gate_lookup", "name"}}, admin_token).status, 200);
  const auto elsewhere = assigned_elsewhere();
  const auto code_of_error = [](auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return std::string(to_string(e.code()));
    }
    return std::string("no error");
  };
  EXPECT_EQ(code_of_error([&] { app::gate::undo_admission(*ctx, elsewhere, str(ticket, "serial"), "mistake"); }), "not_assigned");
  EXPECT_EQ(code_of_error([&] { app::gate::search_attendees(*ctx, elsewhere, event_id, "alice"); }), "not_assigned");
  EXPECT_EQ(code_of_error([&] { app::gate::gate_summary(*ctx, elsewhere, event_id, std::nullopt, std::nullopt); }), "not_assigned");
  // Assigned to this event, it may.
  auto here = elsewhere;
  here.event_ids = std::vector<Id>{event_id};
  EXPECT_EQ(app::gate::search_attendees(*ctx, here, event_id, "alice").size(), 1u);
  EXPECT_EQ(code_of_error([&] { app::gate::undo_admission(*ctx, here, str(ticket, "serial"), "mistake"); }),
            "undo_window_passed") << "assigned, but the admission was another account's";
}

TEST_P(Steward, DevicesUndoOnlyTheirOwnAdmissionsAndSeeTheirOwnGate) {
  std::string north_id, spare_id, foreign_id;
  const auto north = enrolled_device({event_id}, "North", north_id);
  const auto spare = enrolled_device({event_id}, nullptr, spare_id);
  const auto other_event = create_event_http({{"name", "Elsewhere"}, {"serial_prefix", "ELS26"}});
  const auto foreign = enrolled_device({other_event}, nullptr, foreign_id);
  const auto ticket = issued_ticket(event_id);
  const auto serial = str(ticket, "serial");
  const auto undo_as = [&](const std::string& token) {
    return as_device("POST", "/api/tickets/" + serial + "/undo-admission", token, json::object{{"reason", "wrong person"}});
  };
  auto admitted = as_device("POST", "/api/mark-used/" + code_of(ticket) + "?event_id=" + ev() + "&device_id=fake", north);
  ASSERT_EQ(admitted.status, 200) << admitted.body;
  EXPECT_EQ(admitted.json().at("scan").at("device_id").as_string(), north_id);

  // Another device (even of the same event) may not; a device of another event is not assigned.
  EXPECT_EQ(error_code_of(undo_as(spare)), "undo_window_passed");
  EXPECT_EQ(error_code_of(undo_as(foreign)), "not_assigned");
  const auto pack_path = "/api/events/" + ev() + "/offline-pack";
  const auto before = as_device("GET", pack_path, north).json();
  EXPECT_EQ(before.at("counts").at("used").as_int64(), 1);
  auto own = undo_as(north);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("scan").at("device_id").as_string(), north_id);
  EXPECT_EQ(own.json().at("scan").at("user").as_string(), "device:" + north_id);
  // The offline pack follows: the ticket is no longer used, and the delta says so.
  EXPECT_EQ(as_device("GET", pack_path, north).json().at("counts").at("used").as_int64(), 0);
  const auto delta = as_device("GET", pack_path + "?since=" + std::string(before.at("cursor").as_string()), north).json();
  ASSERT_EQ(delta.at("changes").as_array().size(), 1u) << json::serialize(delta);
  EXPECT_FALSE(delta.at("changes").at(0).at("used").as_bool());
  EXPECT_FALSE(delta.at("changes").at(0).at("inside").as_bool());
  ASSERT_EQ(as_device("POST", "/api/mark-used/" + code_of(ticket) + "?event_id=" + ev(), north).status, 200);
  advance(6 * 60'000);
  EXPECT_EQ(error_code_of(undo_as(north)), "undo_window_passed");

  // Its refusals at verify carry its own gate and device_id (what it sends is ignored).
  auto shown = as_device("GET", "/api/verify-ticket/" + code_of(ticket) + "?event_id=" + ev() + "&device_id=fake", north);
  ASSERT_EQ(shown.status, 200) << shown.body;
  auto rows = scans_of(serial);
  EXPECT_EQ(rows.back().at("result").as_string(), "already_used");
  EXPECT_EQ(rows.back().at("gate").as_string(), "North");
  EXPECT_EQ(rows.back().at("device_id").as_string(), north_id);
  EXPECT_TRUE(as_device("GET", "/api/verify-ticket/" + code_of(ticket) + "?event_id=" + ev(), north).status == 200);
  EXPECT_EQ(scans_of(serial).size(), rows.size()) << "coalesced per device";

  // The summary: its own gate and device; the report of its event, not another's.
  auto summary = as_device("GET", "/api/events/" + ev() + "/gate-summary?device_id=fake", north);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.json().at("gate").as_string(), "North");
  EXPECT_EQ(summary.json().at("device_id").as_string(), north_id);
  EXPECT_EQ(summary.json().at("admitted_at_gate").as_int64(), 1);
  EXPECT_EQ(summary.json().at("last_scans").as_array().size(), 4u) << "admit, undo, admit, refusal";
  EXPECT_EQ(error_code_of(as_device("GET", "/api/events/" + ev() + "/gate-summary?gate=South", north)), "not_assigned");
  EXPECT_EQ(as_device("GET", "/api/events/" + ev() + "/attendance", north).status, 200);
  EXPECT_EQ(error_code_of(as_device("GET", "/api/events/" + ev() + "/attendance", foreign)), "not_assigned");
  EXPECT_EQ(error_code_of(as_device("GET", "/api/events/" + ev() + "/gate-summary", foreign)), "not_assigned");
  ASSERT_EQ(client->patch_json("/api/events/" + ev(), {{"gate_lookup", "name"}}, admin_token).status, 200);
  EXPECT_EQ(as_device("GET", "/api/events/" + ev() + "/attendees?q=ali", north).status, 200);
  EXPECT_EQ(error_code_of(as_device("GET", "/api/events/" + ev() + "/attendees?q=ali", foreign)), "not_assigned");
}

TEST_P(Steward, AnUnassignedScannerIsRefusedOnEveryStewardRoute) {
  const auto ticket = issued_ticket(event_id);
  ASSERT_EQ(admit(ticket, scanner).status, 200);
  ASSERT_EQ(client->patch_json("/api/events/" + ev(), {{"gate_lookup", "name"}}, admin_token).status, 200);
  const auto other_event = create_event_http({{"name", "Elsewhere"}, {"serial_prefix", "ELS26"}});
  const auto elsewhere = scanner_for("gate-elsewhere", {other_event});
  for (const auto& path : {"/api/events/" + ev() + "/attendance", "/api/scans/concert/" + ev() + "/attendance",
                           "/api/events/" + ev() + "/attendees?q=ali", "/api/events/" + ev() + "/gate-summary"}) {
    auto r = client->get(path, elsewhere);
    EXPECT_EQ(r.status, 403) << path << " " << r.body;
    EXPECT_EQ(error_code_of(r), "not_assigned") << path;
  }
  auto undo_elsewhere = undo(str(ticket, "serial"), elsewhere);
  EXPECT_EQ(undo_elsewhere.status, 403);
  EXPECT_EQ(error_code_of(undo_elsewhere), "not_assigned");
  // Assigned to this event, the same routes answer.
  EXPECT_EQ(client->get("/api/events/" + ev() + "/attendance", scanner).status, 200);
  EXPECT_EQ(client->get("/api/events/" + ev() + "/attendees?q=ali", scanner).status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, Steward, ::testing::ValuesIn(backends()), backend_name);
