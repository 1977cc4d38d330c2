// Gate operations (issue 8) over real HTTP on both databases: every scan type and result is a
// row with gate, device and user; entry/exit/re-entry, racing; the attendance report; the live
// stream (and its resume); CSV exports read back by Python's csv module.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "support/api_fixture.hpp"
#include "support/race.hpp"
#include "support/run_command.hpp"
#include "support/sse_reader.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

class Gate : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  std::string scanner;

  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Arena"}, {"serial_prefix", "ARN26"}, {"reentry", true}});
    scanner = token_for_new_user("gate-a", "scanner");
  }

  std::string code_of(const json::object& ticket) { return url_encode(str(ticket, "qr_payload")); }

  // A scan through the public route; `query` is appended (type, gate, device_id, …).
  HttpResult scan(const std::string& code, const std::string& query, const std::string& token = "") {
    return client->post("/api/mark-used/" + code + "?event_id=" + std::to_string(event_id) + "&" + query,
                         token.empty() ? scanner : token);
  }
  static std::string error_code_of(const HttpResult& r) {
    const auto j = r.json();
    if (!j.is_object() || !j.as_object().contains("error")) return "(status " + std::to_string(r.status) + ") " + r.body;
    return std::string(j.at("error").at("code").as_string());
  }
  static std::string result_of(const HttpResult& r) {
    const auto j = r.json();
    return j.is_object() && j.as_object().contains("result") ? std::string(j.at("result").as_string()) : "";
  }
  json::array ticket_scans(const std::string& serial) {
    auto r = client->get("/api/tickets/" + serial + "/scans", admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().at("items").as_array();
  }
  json::object report() {
    auto r = client->get("/api/events/" + std::to_string(event_id) + "/attendance", admin_token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  static std::int64_t gate_inside(const json::object& counts, const std::string& gate) {
    for (const auto& g : counts.at("per_gate").as_array())
      if (g.at("gate").as_string() == gate) return g.at("inside").as_int64();
    return 0;
  }
};

TEST_P(Gate, EveryScanTypeAndResultIsRecordedWithGateDeviceAndUser) {
  const auto ticket = issued_ticket(event_id);
  const auto code = code_of(ticket);
  const auto serial = str(ticket, "serial");

  auto check = scan(code, "type=entry_check&gate=North&device_id=phone-1");
  EXPECT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(result_of(check), "valid");
  EXPECT_EQ(error_code_of(scan(code, "type=exit&gate=North&device_id=phone-1")), "not_inside");
  EXPECT_EQ(error_code_of(scan(code, "type=attendance&gate=Hall%201&device_id=phone-1")), "not_inside");
  auto sold = scan(code, "type=sale_confirmation&gate=Box&device_id=till-1");
  EXPECT_EQ(result_of(sold), "valid") << sold.body;

  auto entry = scan(code, "gate=North&device_id=phone-1");
  ASSERT_EQ(entry.status, 200) << entry.body;
  EXPECT_EQ(result_of(entry), "admitted");
  EXPECT_EQ(entry.json().at("status").as_string(), "checked_in") << "the first API's shape is kept";
  EXPECT_TRUE(entry.json().at("inside").as_bool());
  EXPECT_EQ(entry.json().at("scan").at("gate").as_string(), "North");
  EXPECT_EQ(error_code_of(scan(code, "gate=South&device_id=phone-2")), "already_inside");
  EXPECT_EQ(result_of(scan(code, "type=attendance&gate=Hall%201&device_id=phone-3")), "recorded");
  // The same fields in a JSON body instead of the query.
  auto out = client->post_json("/api/mark-used/" + code,
                               {{"event_id", event_id}, {"type", "exit"}, {"gate", "South"}, {"device_id", "phone-2"},
                                {"note", "left for a smoke"}},
                               scanner);
  EXPECT_EQ(result_of(out), "exited") << out.body;
  EXPECT_FALSE(out.json().at("inside").as_bool());

  // Unknown code and another event's ticket are rows too.
  EXPECT_EQ(scan("GP1%3Aforged", "gate=North&device_id=phone-1").status, 404);
  const auto other_event = create_event_http({{"name", "Other"}, {"serial_prefix", "OTH26"}});
  const auto foreign = issued_ticket(other_event);
  EXPECT_EQ(error_code_of(scan(code_of(foreign), "gate=North&device_id=phone-1")), "wrong_event");

  const auto rows = ticket_scans(serial);
  std::vector<std::string> seen;
  for (const auto& r : rows) seen.push_back(std::string(r.at("type").as_string()) + ":" + std::string(r.at("result").as_string()));
  EXPECT_EQ(seen, (std::vector<std::string>{"entry_check:valid", "exit:not_inside", "attendance:not_inside",
                                            "sale_confirmation:valid", "entry:admitted", "entry:already_inside",
                                            "attendance:recorded", "exit:exited"}));
  EXPECT_EQ(rows[4].at("device_id").as_string(), "phone-1");
  EXPECT_EQ(rows[4].at("user").as_string(), "gate-a");
  EXPECT_EQ(rows[7].at("note").as_string(), "left for a smoke");

  // The event's list: filters and keyset pages (newest first, no row twice, none missing).
  const auto base = "/api/scans?event_id=" + std::to_string(event_id);
  auto invalid = client->get(base + "&result=invalid", admin_token).json().at("items").as_array();
  ASSERT_EQ(invalid.size(), 1u);
  EXPECT_TRUE(invalid[0].at("serial").is_null());
  EXPECT_EQ(invalid[0].at("code").as_string(), "GP1:forged");
  std::vector<std::int64_t> ids;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = client->get(base + "&limit=3" + (cursor.empty() ? "" : "&after=" + cursor), admin_token);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = r.json();
    for (const auto& s : body.at("items").as_array()) ids.push_back(s.at("id").as_int64());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(ids.size(), 9u) << "8 scans of the ticket + the forged code (the other event's ticket is not this event's)";
  EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));
  EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()).size(), ids.size());
  auto north = client->get(base + "&gate=North&type=entry", admin_token).json().at("items").as_array();
  EXPECT_EQ(north.size(), 2u) << "the admission and the forged code at North";

  // A scanner needs its event; a viewer reads; an attendee does not; bad filters are 400.
  EXPECT_EQ(client->get("/api/scans", scanner).status, 400);
  EXPECT_EQ(client->get(base, scanner).status, 200);
  EXPECT_EQ(client->get(base, token_for_new_user("watcher", "viewer")).status, 200);
  EXPECT_EQ(client->get(base + "&type=teleport", admin_token).status, 400);
  EXPECT_EQ(client->get(base + "&since=yesterday", admin_token).status, 400);
  EXPECT_EQ(scan(code, "type=teleport").status, 400);
  EXPECT_EQ(scan(code, "gate=" + std::string(100, 'g')).status, 400);
  EXPECT_EQ(scan(code, "device_id=has%20space").status, 400);
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/scans", scanner).status, 400) << "scanner without event_id";
  EXPECT_EQ(client->get("/api/tickets/" + serial + "/scans?event_id=" + std::to_string(other_event), scanner).status, 404);
}

TEST_P(Gate, ReentrySequencesAndWithoutReentryOneAdmission) {
  const auto ticket = issued_ticket(event_id);
  const auto code = code_of(ticket);
  EXPECT_EQ(result_of(scan(code, "gate=A")), "admitted");
  EXPECT_EQ(result_of(scan(code, "type=exit&gate=B")), "exited");
  auto again = scan(code, "gate=A");
  EXPECT_EQ(result_of(again), "admitted") << again.body;
  EXPECT_TRUE(again.json().at("reentry").as_bool());
  EXPECT_EQ(error_code_of(scan(code, "gate=C")), "already_inside");
  const auto first_used_at = again.json().at("used_at");
  EXPECT_EQ(client->get("/api/verify-ticket/" + code, admin_token).json().at("used_at"), first_used_at)
      << "used_at stays the first admission";

  // The same sequence where re-entry is off: one admission, ever; an exit is still counted.
  const auto single = create_event_http({{"name", "Single"}, {"serial_prefix", "SGL26"}});
  const auto t2 = issued_ticket(single);
  const auto c2 = code_of(t2);
  auto scan_single = [&](const std::string& q) {
    return client->post("/api/mark-used/" + c2 + "?event_id=" + std::to_string(single) + "&" + q, scanner);
  };
  EXPECT_EQ(result_of(scan_single("gate=A")), "admitted");
  EXPECT_EQ(result_of(scan_single("type=exit&gate=B")), "exited");
  EXPECT_EQ(error_code_of(scan_single("gate=A")), "already_used");
  // Verify says so too, before anyone taps Continue.
  auto v = client->get("/api/verify-ticket/" + c2, scanner).json();
  EXPECT_FALSE(v.at("admissible").as_bool());
  EXPECT_EQ(v.at("refusal").as_string(), "already_used");

  // Inside counts per event and gate.
  const auto r = report();
  EXPECT_EQ(r.at("inside").as_int64(), 1);
  EXPECT_EQ(gate_inside(r, "A"), 1);
  EXPECT_EQ(r.at("admitted").as_int64(), 1);
  EXPECT_EQ(r.at("sold").as_int64(), 1);
}

TEST_P(Gate, FiftyRacingScannersEnterOnceAndExitOnce) {
  for (int round = 0; round < 2; ++round) {
    const auto code = code_of(issued_ticket(event_id));
    for (const char* type : {"entry", "exit", "entry"}) {
      std::atomic<int> moved{0}, refused{0};
      race(50, [&](int i) {
        HttpClient c(port);
        const auto r = c.post("/api/mark-used/" + code + "?event_id=" + std::to_string(event_id) + "&type=" + type +
                                  "&gate=G" + std::to_string(i % 3),
                              scanner);
        if (r.status == 200) ++moved;
        else if (r.status == 409) ++refused;
        else ADD_FAILURE() << r.status << " " << r.body;
      });
      EXPECT_EQ(moved, 1) << type;
      EXPECT_EQ(refused, 49) << type;
    }
  }
  const auto r = report();
  EXPECT_EQ(r.at("inside").as_int64(), 2);
  std::int64_t per_gate_inside = 0, entries = 0, exits = 0;
  for (const auto& g : r.at("per_gate").as_array()) {
    per_gate_inside += g.at("inside").as_int64();
    entries += g.at("entries").as_int64();
    exits += g.at("exits").as_int64();
  }
  EXPECT_EQ(per_gate_inside, 2);
  EXPECT_EQ(entries, 4);
  EXPECT_EQ(exits, 2);
  std::int64_t refused_rows = 0;
  for (const auto& x : r.at("refused").as_array()) refused_rows += x.at("count").as_int64();
  EXPECT_EQ(refused_rows, 2 * 3 * 49) << "every refused racer is a row";
}

TEST_P(Gate, AttendanceReportCountsArrivalsNoShowsAndRefusals) {
  std::vector<std::string> codes;
  for (int i = 0; i < 4; ++i) codes.push_back(code_of(issued_ticket(event_id)));
  scan(codes[0], "gate=A");
  scan(codes[1], "gate=A");
  scan(codes[2], "gate=B");
  scan(codes[2], "type=exit&gate=B");
  scan(codes[0], "gate=B");  // already inside
  scan("GP1%3Anonsense", "gate=B");
  const auto r = report();
  EXPECT_EQ(r.at("sold").as_int64(), 4);
  EXPECT_EQ(r.at("admitted").as_int64(), 3);
  EXPECT_EQ(r.at("no_shows").as_int64(), 1);
  EXPECT_DOUBLE_EQ(r.at("attendance_rate").as_double(), 0.75);
  EXPECT_EQ(r.at("inside").as_int64(), 2);
  std::map<std::string, std::int64_t> arrivals, refused;
  for (const auto& a : r.at("arrivals").as_array()) arrivals[std::string(a.at("gate").as_string())] += a.at("count").as_int64();
  EXPECT_EQ(arrivals, (std::map<std::string, std::int64_t>{{"A", 2}, {"B", 1}}));
  for (const auto& x : r.at("refused").as_array()) refused[std::string(x.at("result").as_string())] = x.at("count").as_int64();
  EXPECT_EQ(refused, (std::map<std::string, std::int64_t>{{"already_inside", 1}, {"invalid", 1}}));
  ASSERT_FALSE(r.at("inside_over_time").as_array().empty());
  EXPECT_EQ(r.at("inside_over_time").as_array().back().at("inside").as_int64(), 2);
  // Seed 002's name answers the same report; a scanner of the event reads it too (docs/devices.md §5).
  auto alias = client->get("/api/scans/concert/" + std::to_string(event_id) + "/attendance", admin_token);
  EXPECT_EQ(alias.json().at("admitted").as_int64(), 3);
  EXPECT_EQ(client->get("/api/events/" + std::to_string(event_id) + "/attendance", scanner).status, 200);
  EXPECT_EQ(client->get("/api/events/999999/attendance", admin_token).status, 404);
}

TEST_P(Gate, LiveStreamSendsCountsOnCheckInAndResumesWithLastEventId) {
  const auto code = code_of(issued_ticket(event_id));
  const auto path = "/api/events/" + std::to_string(event_id) + "/live";
  SseReader stream(port, path, token_for_new_user("desk", "viewer"));
  EXPECT_NE(stream.head().find("200"), std::string::npos) << stream.head();
  EXPECT_NE(stream.head().find("text/event-stream"), std::string::npos) << stream.head();
  auto first = stream.next(std::chrono::seconds(2));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->data.at("admitted").as_int64(), 0);
  EXPECT_EQ(first->id, "0");

  ASSERT_EQ(scan(code, "gate=East&device_id=p1").status, 200);
  auto moved = stream.until(std::chrono::seconds(2), [](const json::object& d) { return d.at("inside").as_int64() == 1; });
  ASSERT_TRUE(moved) << "a check-in reaches the stream within 2 s";
  EXPECT_EQ(moved->data.at("last_scans").as_array().at(0).at("result").as_string(), "admitted");
  EXPECT_EQ(gate_inside(moved->data, "East"), 1);
  const auto seen_id = moved->id;

  // Two more scans while a client is away; it comes back with the last id it saw.
  scan(code, "type=exit&gate=East");
  scan(code, "gate=West");
  SseReader resumed(port, path, scanner, seen_id);
  auto catch_up = resumed.next(std::chrono::seconds(2));
  ASSERT_TRUE(catch_up);
  const auto missed = catch_up->data.at("missed_scans").as_array();
  ASSERT_EQ(missed.size(), 2u);
  EXPECT_EQ(missed[0].at("result").as_string(), "exited");
  EXPECT_EQ(missed[1].at("gate").as_string(), "West");
  EXPECT_GT(std::stoll(catch_up->id), std::stoll(seen_id));

  // Who may open it, and bad input.
  SseReader attendee_stream(port, path, "not-a-token");
  EXPECT_NE(attendee_stream.head().find("401"), std::string::npos) << attendee_stream.head();
  EXPECT_EQ(client->get("/api/events/999999/live", admin_token).status, 404);
  SseReader bad_resume(port, path, scanner, std::string("yesterday"));
  EXPECT_NE(bad_resume.head().find("400"), std::string::npos) << bad_resume.head();
}


// Issue 19: an open stream holds a connection until the client leaves, so one account gets at most
// four at once; others are unaffected, and a closed stream gives its slot back.
TEST_P(Gate, LiveStreamsAreLimitedPerAccount) {
  const auto code = code_of(issued_ticket(event_id));
  const auto path = "/api/events/" + std::to_string(event_id) + "/live";
  const auto desk = token_for_new_user("desk", "viewer");
  std::vector<std::unique_ptr<SseReader>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<SseReader>(port, path, desk));
    ASSERT_NE(open.back()->head().find(" 200 "), std::string::npos) << open.back()->head();
  }
  SseReader fifth(port, path, desk);
  EXPECT_NE(fifth.head().find(" 429 "), std::string::npos) << fifth.head();
  SseReader other_account(port, path, scanner);
  EXPECT_NE(other_account.head().find(" 200 "), std::string::npos) << "another account is not affected";

  // The server notices a closed stream when it next writes to it (a check-in changes the counts).
  open.pop_back();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool reopened = false;
  for (int n = 0; !reopened && std::chrono::steady_clock::now() < deadline; ++n) {
    scan(code, n % 2 ? "type=exit&gate=East" : "gate=East");
    SseReader again(port, path, desk);
    reopened = again.head().find(" 200 ") != std::string::npos;
    if (!reopened) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_TRUE(reopened) << "a closed stream gives its slot back";
}

TEST_P(Gate, CsvExportsRoundTripThroughPythonsCsvModule) {
  const auto reg = client->post_json("/api/register", {{"event_id", event_id}, {"name", "Zoë Ünal-Łukasz"},
                                                       {"email", "zoe@example.com"}, {"team_name", "=cmd|' /C calc'!A0"}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  const auto approved = client->post("/api/admin/approve/" + std::to_string(reg.json().at("id").as_int64()), admin_token);
  ASSERT_EQ(approved.status, 200);
  ASSERT_EQ(scan(code_of(approved.json().at("ticket").as_object()), "gate=Nord%2C%20Tor%203").status, 200);
  client->post_json("/api/register", {{"event_id", event_id}, {"name", "+SUM(1,2)"}, {"email", "b@example.com"}});

  const auto dir = data_dir + "/csv";
  std::filesystem::create_directories(dir);
  for (const char* kind : {"registrations", "tickets", "scans", "audit"}) {
    auto r = client->get(std::string("/api/admin/export/") + kind + ".csv?event_id=" + std::to_string(event_id), admin_token);
    ASSERT_EQ(r.status, 200) << kind << " " << r.body;
    EXPECT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF") << kind << ": UTF-8 BOM for spreadsheets";
    std::ofstream(dir + "/" + kind + ".csv", std::ios::binary) << r.body;
  }
  // Python reads each file back (utf-8-sig drops the BOM) and prints it as JSON.
  const auto script =
      "import csv, json, sys\n"
      "out = {}\n"
      "for kind in ['registrations', 'tickets', 'scans', 'audit']:\n"
      "    with open(sys.argv[1] + '/' + kind + '.csv', newline='', encoding='utf-8-sig') as f:\n"
      "        out[kind] = list(csv.DictReader(f))\n"
      "print(json.dumps(out))\n";
  std::ofstream(dir + "/read.py") << script;
  const auto parsed = json::parse(run_command("/usr/bin/python3 " + dir + "/read.py " + dir)).as_object();
  const auto regs = parsed.at("registrations").as_array();
  ASSERT_EQ(regs.size(), 2u);
  EXPECT_EQ(regs[0].at("name").as_string(), "Zoë Ünal-Łukasz");
  EXPECT_EQ(regs[0].at("team_name").as_string(), "'=cmd|' /C calc'!A0") << "a formula stays text";
  EXPECT_EQ(regs[1].at("name").as_string(), "'+SUM(1,2)");
  EXPECT_EQ(regs[0].at("ticket_serial").as_string(), str(approved.json().at("ticket"), "serial"));
  const auto tickets = parsed.at("tickets").as_array();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].at("holder_name").as_string(), "Zoë Ünal-Łukasz");
  EXPECT_EQ(tickets[0].at("inside").as_string(), "1");
  EXPECT_EQ(tickets[0].at("inside_gate").as_string(), "Nord, Tor 3") << "a comma survives quoting";
  const auto scans = parsed.at("scans").as_array();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].at("result").as_string(), "admitted");
  EXPECT_EQ(scans[0].at("scanned_at").as_string().size(), 24u) << "ISO 8601 time";
  EXPECT_FALSE(parsed.at("audit").as_array().empty());

  // Only admins export; unknown files and events are 404; bad filters 400.
  EXPECT_EQ(client->get("/api/admin/export/tickets.csv", scanner).status, 403);
  EXPECT_EQ(client->get("/api/admin/export/passwords.csv", admin_token).status, 404);
  EXPECT_EQ(client->get("/api/admin/export/tickets.csv?event_id=999999", admin_token).status, 404);
  EXPECT_EQ(client->get("/api/admin/export/scans.csv?since=soon", admin_token).status, 400);
}

TEST_P(Gate, LargeExportIsStreamedInPagesWithEveryRowOnce) {
  // More rows than one page (2,000): the keyset pages must join without a gap or a repeat.
  auto r = client->post_json("/api/events/" + std::to_string(event_id) + "/ticket-types",
                             {{"name", "Standing"}, {"price", "10.00"}}, admin_token);
  ASSERT_EQ(r.status, 201) << r.body;
  auto job = client->post_json("/api/events/" + std::to_string(event_id) + "/tickets/generate",
                               {{"count", 4500}, {"ticket_type_id", r.json().at("id").as_int64()}}, admin_token);
  ASSERT_EQ(job.status, 202) << job.body;
  ctx->jobs.wait_idle();
  auto csv = client->get("/api/admin/export/tickets.csv?event_id=" + std::to_string(event_id), admin_token);
  ASSERT_EQ(csv.status, 200);
  std::set<std::string> serials;
  std::size_t lines = 0;
  for (std::size_t pos = csv.body.find("\r\n") + 2; pos < csv.body.size(); ++lines) {
    const auto end = csv.body.find("\r\n", pos);
    serials.insert(csv.body.substr(pos, csv.body.find(',', pos) - pos));
    pos = end + 2;
  }
  EXPECT_EQ(lines, 4500u);
  EXPECT_EQ(serials.size(), 4500u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Gate, ::testing::ValuesIn(backends()), backend_name);
