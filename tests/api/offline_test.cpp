// Offline gates (issue 9) over real HTTP on both databases: the event pack and its deltas, the
// upload of offline admissions (idempotent by nonce, first admission by scan time wins), the
// conflicts it finds and the report with devices and clock skew.
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <map>
#include <set>

#include "domain/offline_pack.hpp"
#include "domain/time.hpp"
#include "domain/ticket_token.hpp"
#include "support/api_fixture.hpp"
#include "support/race.hpp"

using namespace gatepass;
using namespace gatepass::testing;
namespace json = boost::json;

namespace {
std::string from_base64url(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    throw std::runtime_error("not base64url: " + text);
  out.resize(len);
  return out;
}

Millis now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::int64_t number_of(const std::string& code) { return static_cast<std::int64_t>(ticket_token::peek(code)->ticket_number); }
std::uint32_t nonce_of(const std::string& code) { return ticket_token::peek(code)->nonce; }
}  // namespace

class Offline : public ApiFixture {
 protected:
  std::int64_t event_id = 0;
  std::int64_t type_id = 0;
  std::string scanner;
  int nonce_counter = 0;

  void SetUp() override {
    ApiFixture::SetUp();
    event_id = create_event_http({{"name", "Field Day"}, {"serial_prefix", "FLD26"}});
    scanner = token_for_new_user("steward", "scanner");
    auto r = client->post_json(event_path("/ticket-types"), {{"name", "Day"}, {"price", "20.00"}}, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    type_id = r.json().at("id").as_int64();
  }

  std::string event_path(const std::string& rest) const { return "/api/events/" + std::to_string(event_id) + rest; }

  json::object pack(const std::string& since = "", const std::string& token = "") {
    auto r = client->get(event_path("/offline-pack") + (since.empty() ? "" : "?since=" + since),
                         token.empty() ? scanner : token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  static std::vector<std::int64_t> refused(const json::object& p, const char* reason) {
    return *offline::decode_ranges(from_base64url(std::string(p.at("refused").at(reason).as_string())));
  }
  // number -> (refused reason or "", nonce)
  static std::map<std::int64_t, std::pair<std::string, std::uint32_t>> changes(const json::object& delta) {
    std::map<std::int64_t, std::pair<std::string, std::uint32_t>> out;
    for (const auto& c : delta.at("changes").as_array())
      out[c.at("number").as_int64()] = {c.at("refused").is_null() ? "" : std::string(c.at("refused").as_string()),
                                        static_cast<std::uint32_t>(c.at("nonce").to_number<std::int64_t>())};
    return out;
  }

  std::map<std::string, std::string> generated_codes;  // serial -> code, of every generated ticket

  // Generates `count` unsold tickets; returns their codes (read back from the batch export).
  std::vector<std::string> generate(std::int64_t count) {
    auto r = client->post_json(event_path("/tickets/generate"), {{"count", count}, {"ticket_type_id", type_id}}, admin_token);
    EXPECT_EQ(r.status, 202) << r.body;
    ctx->jobs.wait_idle();
    const auto job = client->get("/api/jobs/" + std::to_string(r.json().at("id").as_int64()), admin_token).json();
    const auto batch = job.at("result").at("batch_id").as_int64();
    const auto csv = client->get("/api/batches/" + std::to_string(batch) + "/export.csv", admin_token).body;
    std::vector<std::string> codes;
    for (std::size_t pos = csv.find("\r\n") + 2; pos < csv.size();) {
      const auto end = csv.find("\r\n", pos);
      const auto line = csv.substr(pos, end - pos);
      const auto comma = line.find(',');
      const auto code = line.substr(comma + 1, line.find(',', comma + 1) - comma - 1);
      generated_codes[line.substr(0, comma)] = code;
      codes.push_back(code);
      pos = end == std::string::npos ? csv.size() : end + 2;
    }
    EXPECT_EQ(codes.size(), static_cast<std::size_t>(count));
    return codes;
  }
  // Sells one generated ticket; returns its code.
  std::string sell_one(const std::string& holder = "") {
    json::object body{{"ticket_type_id", type_id}, {"buyer_name", "Bea"}, {"buyer_email", "bea@example.com"}, {"quantity", 1}};
    if (!holder.empty()) body["holder_username"] = holder;
    auto r = client->post_json(event_path("/sell"), body, admin_token);
    EXPECT_EQ(r.status, 201) << r.body;
    return generated_codes.at(str(r.json().at("tickets").at(0), "serial"));
  }
  struct Issued {
    std::string serial, code;
  };
  Issued issued() {
    const auto t = issued_ticket(event_id);
    return {str(t, "serial"), str(t, "qr_payload")};
  }
  void refund(const std::string& serial) {
    auto req = client->post_json("/api/refunds", {{"serial", serial}, {"reason", "cannot come"}}, admin_token);
    ASSERT_EQ(req.status, 201) << req.body;
    auto ok = client->post_json("/api/refunds/" + std::to_string(req.json().at("id").as_int64()) + "/approve",
                                {{"notes", "ok"}}, admin_token);
    ASSERT_EQ(ok.status, 200) << ok.body;
  }
  void void_ticket(const std::string& serial) {
    auto r = client->post_json("/api/admin/tickets/" + serial + "/void", {{"reason", "duplicate"}}, admin_token);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  std::string signup(const std::string& username) {
    auto r = client->post_json("/api/auth/register", {{"username", username}, {"password", "password-of-" + username},
                                                      {"email", username + "@example.com"}, {"name", "Holder " + username}});
    EXPECT_EQ(r.status, 201) << r.body;
    verify_email(username + "@example.com");
    return str(r.json(), "access_token");
  }
  json::array my_tickets(const std::string& token) { return client->get("/api/me/tickets", token).json().at("items").as_array(); }
  // A sold ticket moved from one holder to another: returns (old code, new code).
  std::pair<std::string, std::string> transferred_ticket() {
    const auto ann = signup("ann"), ben = signup("ben");
    const auto old_code = sell_one("ann");
    const auto serial = str(my_tickets(ann).at(0), "serial");
    auto offer = client->post_json("/api/transfers", {{"serial", serial}, {"to_username", "ben"}}, ann);
    EXPECT_EQ(offer.status, 201) << offer.body;
    auto accepted = client->post("/api/transfers/" + std::to_string(offer.json().at("id").as_int64()) + "/accept", ben);
    EXPECT_EQ(accepted.status, 200) << accepted.body;
    return {old_code, str(accepted.json().at("ticket"), "qr_payload")};
  }

  struct Scanned {
    std::string code;
    Millis at;
    std::string nonce;
    std::string gate = "North";
  };
  Scanned scanned(const std::string& code, Millis at) { return {code, at, "nonce-" + std::to_string(++nonce_counter) + "-abcdef"}; }
  HttpResult upload(const std::string& device, const std::vector<Scanned>& scans, std::optional<Millis> sent_at = {},
                    const std::string& token = "") {
    json::array list;
    for (const auto& s : scans)
      list.push_back({{"code", s.code}, {"nonce", s.nonce}, {"scanned_at", format_iso8601(s.at)}, {"gate", s.gate}});
    json::object body{{"device_id", device}, {"scans", std::move(list)}};
    if (sent_at) body["sent_at"] = format_iso8601(*sent_at);
    return client->post_json("/api/scans/offline", body, token.empty() ? scanner : token);
  }
  static std::vector<std::string> outcomes(const HttpResult& r) {
    std::vector<std::string> out;
    const auto body = r.json();  // kept: the loop below holds references into it
    for (const auto& x : body.at("results").as_array()) {
      std::string o(x.at("outcome").as_string());
      if (!x.at("reason").is_null()) o += ":" + std::string(x.at("reason").as_string());
      out.push_back(o);
    }
    return out;
  }
  std::int64_t scan_rows() {
    return static_cast<std::int64_t>(
        client->get("/api/scans?limit=200&event_id=" + std::to_string(event_id), admin_token).json().at("items").as_array().size());
  }
  json::object conflicts(const std::string& token = "") {
    auto r = client->get(event_path("/conflicts"), token.empty() ? admin_token : token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
};

TEST_P(Offline, PackRefusesExactlyTheTicketsAGateMustRefuse) {
  const auto generated = generate(6);  // unsold: must be refused
  const auto sold = sell_one();        // one of them sold: admissible again
  const auto refunded = issued(), voided = issued(), fine = issued();
  refund(refunded.serial);
  void_ticket(voided.serial);
  const auto [old_code, new_code] = transferred_ticket();  // sells a second generated ticket

  const auto full = pack();
  EXPECT_TRUE(full.at("full").as_bool());
  EXPECT_EQ(full.at("event").at("id").as_int64(), event_id);
  EXPECT_EQ(full.at("event").at("serial_prefix").as_string(), "FLD26");
  ASSERT_EQ(full.at("keys").as_array().size(), 1u);
  EXPECT_EQ(from_base64url(std::string(full.at("keys").at(0).at("public_key").as_string())).size(), 32u);
  EXPECT_EQ(full.at("stale_after_seconds").as_int64(), 600);

  std::set<std::int64_t> unsold;
  for (const auto& c : generated) unsold.insert(number_of(c));
  unsold.erase(number_of(sold));
  unsold.erase(number_of(old_code));
  const auto not_sold = refused(full, "not_sold");
  EXPECT_EQ(std::set<std::int64_t>(not_sold.begin(), not_sold.end()), unsold);
  EXPECT_EQ(refused(full, "refunded"), std::vector<std::int64_t>{number_of(refunded.code)});
  EXPECT_EQ(refused(full, "void"), std::vector<std::int64_t>{number_of(voided.code)});
  const auto reissued = *offline::decode_reissued(from_base64url(std::string(full.at("reissued").as_string())));
  EXPECT_EQ(reissued, (std::vector<offline::Reissued>{{number_of(new_code), nonce_of(new_code)}}));
  EXPECT_NE(nonce_of(new_code), nonce_of(old_code));
  EXPECT_EQ(full.at("counts").at("tickets").as_int64(), 9);
  EXPECT_EQ(full.at("counts").at("not_sold").as_int64(), 4);
  std::int64_t highest = 0;
  for (const auto& c : generated) highest = std::max(highest, number_of(c));
  for (const auto& t : {refunded, voided, fine}) highest = std::max(highest, number_of(t.code));
  EXPECT_EQ(full.at("event").at("highest_number").as_int64(), highest) << "a serial typed above it names no ticket";

  // Nothing changed: an empty delta, and a cursor that stays usable.
  const std::string cursor(full.at("cursor").as_string());
  auto nothing = pack(cursor);
  EXPECT_FALSE(nothing.at("full").as_bool());
  EXPECT_TRUE(nothing.at("changes").as_array().empty()) << json::serialize(nothing);
  EXPECT_FALSE(nothing.contains("refused"));
  EXPECT_EQ(nothing.at("keys").as_array().size(), 1u);

  // Admissions are not pack changes; a void, a sale and a refund are, each ticket once.
  ASSERT_EQ(client->post("/api/mark-used/" + url_encode(fine.code), scanner).status, 200);
  void_ticket(fine.serial);
  const auto sold_now = sell_one();
  const auto also_refunded = issued();
  refund(also_refunded.serial);
  const auto delta = pack(str(nothing, "cursor"));
  EXPECT_EQ(delta.at("event").at("highest_number").as_int64(), number_of(also_refunded.code))
      << "deltas move the bound: the newest ticket";
  const auto ch = changes(delta);
  using Change = std::pair<std::string, std::uint32_t>;
  EXPECT_EQ(ch, (std::map<std::int64_t, Change>{
                    {number_of(fine.code), {"void", nonce_of(fine.code)}},
                    {number_of(sold_now), {"", nonce_of(sold_now)}},
                    {number_of(also_refunded.code), {"refunded", nonce_of(also_refunded.code)}}}))
      << json::serialize(delta);
  EXPECT_TRUE(pack(str(delta, "cursor")).at("changes").as_array().empty()) << "each change is sent once";
  // An older cursor still sees everything after it.
  EXPECT_EQ(changes(pack(cursor)).size(), 3u);
}

TEST_P(Offline, PackIsForScannersAndAdminsAndRefusesForeignCursors) {
  EXPECT_EQ(client->get(event_path("/offline-pack"), admin_token).status, 200);
  const auto viewer = token_for_new_user("watcher", "viewer");
  EXPECT_EQ(client->get(event_path("/offline-pack"), viewer).status, 403);
  EXPECT_EQ(client->get(event_path("/offline-pack")).status, 401);
  EXPECT_EQ(client->get("/api/events/999999/offline-pack", admin_token).status, 404);
  EXPECT_EQ(client->get("/api/events/999999/offline-pack", scanner).status, 403) << "not this scanner's event";
  for (const char* bad : {"abc", "y12", "s", "x", "s-1", "99999999999999999999999"}) {
    auto r = client->get(event_path("/offline-pack?since=") + bad, scanner);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
    EXPECT_TRUE(r.json().at("error").at("fields").as_object().contains("since")) << r.body;
  }
}

TEST_P(Offline, UploadIsIdempotentByNonceAndTheFirstAdmissionByScanTimeWins) {
  const auto t1 = issued(), t2 = issued(), t3 = issued();
  const Millis base = now_ms() - 10 * 60 * 1000;
  // Device A syncs first with a scan made at base+5 s.
  auto a = upload("phone-a", {scanned(t1.code, base + 5000)});
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(outcomes(a), std::vector<std::string>{"admitted"});
  EXPECT_EQ(a.json().at("results").at(0).at("serial").as_string(), t1.serial);
  // Device B admitted the same ticket earlier (base+1 s) but syncs later: the server never takes
  // an admission back, so B's is the conflict; its other scan is an admission.
  const std::vector<Scanned> b_scans{scanned(t1.code, base + 1000), scanned(t2.code, base + 2000)};
  auto b = upload("phone-b", b_scans);
  ASSERT_EQ(b.status, 200) << b.body;
  EXPECT_EQ(outcomes(b), (std::vector<std::string>{"conflict:double_admission", "admitted"}));
  EXPECT_EQ(b.json().at("summary").at("admitted").as_int64(), 1);
  EXPECT_EQ(b.json().at("summary").at("conflicts").as_int64(), 1);
  const auto rows = scan_rows();

  // The same batch again (a retry after a timeout): the same answers, nothing applied twice.
  auto again = upload("phone-b", b_scans);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(outcomes(again), outcomes(b));
  const auto again_body = again.json();
  for (const auto& r : again_body.at("results").as_array()) EXPECT_TRUE(r.at("replayed").as_bool());
  EXPECT_EQ(again.json().at("summary").at("replayed").as_int64(), 2);
  EXPECT_EQ(scan_rows(), rows);
  // Another device may not reuse a nonce; the answer names the scan, so the device can set it aside.
  auto reused = upload("phone-c", {scanned(t3.code, base), b_scans[0]});
  EXPECT_EQ(reused.status, 400);
  EXPECT_TRUE(reused.json().at("error").at("fields").as_object().contains("scans[1].nonce")) << reused.body;
  EXPECT_EQ(scan_rows(), rows) << "nothing of that batch was applied";

  // Within a batch, scan time decides, not the order of the list.
  auto c = upload("phone-c", {scanned(t3.code, base + 9000), scanned(t3.code, base + 7000)});
  EXPECT_EQ(outcomes(c), (std::vector<std::string>{"conflict:double_admission", "admitted"}));
  // The admission's time is the scan's time, not the upload's.
  auto ticket = client->get("/api/tickets/" + t3.serial, admin_token).json();
  EXPECT_EQ(ticket.at("status").as_string(), "used");
  EXPECT_EQ(parse_iso8601(std::string(ticket.at("used_at").as_string())), base + 7000) << json::serialize(ticket);

  // Offline scans are scans: in the ticket's history, noted as offline, at their scan time.
  auto history = client->get("/api/tickets/" + t1.serial + "/scans", admin_token).json().at("items").as_array();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].at("result").as_string(), "admitted");
  EXPECT_EQ(history[0].at("device_id").as_string(), "phone-a");
  EXPECT_EQ(history[0].at("note").as_string(), "offline");
  EXPECT_EQ(history[1].at("result").as_string(), "already_used");
  EXPECT_EQ(history[1].at("device_id").as_string(), "phone-b");
  // An online gate now refuses the ticket.
  EXPECT_EQ(client->post("/api/mark-used/" + url_encode(t2.code), scanner).status, 409);
}

TEST_P(Offline, AnOnlineAdmissionWhoseAnswerWasLostIsNotADoubleAdmission) {
  // The phone's mark-used reached the server but the answer never came back; the phone admitted
  // the holder offline and queued the scan. Same device, moments apart: one holder, one admission.
  const auto t = issued();
  ASSERT_EQ(client->post("/api/mark-used/" + url_encode(t.code) + "?device_id=phone-z&gate=East", scanner).status, 200);
  const auto rows = scan_rows();
  auto same = upload("phone-z", {scanned(t.code, now_ms() - 2000)});
  EXPECT_EQ(outcomes(same), std::vector<std::string>{"admitted:already_recorded"});
  EXPECT_EQ(scan_rows(), rows) << "no second admission row";
  // Listed in the report, so a merge is never silent (docs/devices.md §3).
  const auto listed = conflicts().at("items").as_array();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].at("reason").as_string(), "already_recorded");
  // Another device, or the same one much later, is a double admission.
  EXPECT_EQ(outcomes(upload("phone-y", {scanned(t.code, now_ms() - 1000)})),
            std::vector<std::string>{"conflict:double_admission"});
  EXPECT_EQ(outcomes(upload("phone-z", {scanned(t.code, now_ms() + 10 * 60 * 1000 - 20 * 60 * 1000)})),
            std::vector<std::string>{"conflict:double_admission"});
}

TEST_P(Offline, ConflictsAreReportedWithWhatTheServerDecidedAndEachDevicesClockSkew) {
  const auto twice = issued(), refunded = issued(), forged_base = issued();
  generate(1);
  const auto [old_code, new_code] = transferred_ticket();
  refund(refunded.serial);
  const Millis base = now_ms() - 60 * 1000;
  ASSERT_EQ(client->post("/api/mark-used/" + url_encode(twice.code) + "?gate=Main&device_id=online-1", scanner).status, 200);
  // The device's clock is 90 s behind: its scan times are corrected by the skew it shows at sync.
  const Millis behind = 90 * 1000;
  std::string forged = forged_base.code;
  forged[30] = forged[30] == 'A' ? 'B' : 'A';
  auto r = upload("phone-slow",
                  {scanned(twice.code, base - behind), scanned(refunded.code, base - behind + 1000),
                   scanned(old_code, base - behind + 2000), scanned(forged, base - behind + 3000)},
                  now_ms() - behind);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(outcomes(r), (std::vector<std::string>{"conflict:double_admission", "conflict:refunded", "conflict:superseded",
                                                   "invalid:invalid_ticket"}));
  const auto skew = r.json().at("skew_ms").as_int64();
  EXPECT_GE(skew, behind - 100);
  EXPECT_LT(skew, behind + 5000);

  const auto report = conflicts();
  const auto& items = report.at("items").as_array();
  ASSERT_EQ(items.size(), 3u) << json::serialize(report);
  std::map<std::string, json::object> by_reason;
  for (const auto& x : items) by_reason[std::string(x.at("reason").as_string())] = x.as_object();
  const auto& dbl = by_reason.at("double_admission");
  EXPECT_EQ(dbl.at("ticket").at("serial").as_string(), twice.serial);
  EXPECT_EQ(dbl.at("scan").at("device_id").as_string(), "phone-slow");
  EXPECT_EQ(dbl.at("scan").at("user").as_string(), "steward");
  const auto corrected = *parse_iso8601(std::string(dbl.at("scan").at("scanned_at").as_string()));
  EXPECT_NEAR(static_cast<double>(corrected), static_cast<double>(base), 5000.0) << "corrected by the skew";
  EXPECT_EQ(*parse_iso8601(std::string(dbl.at("scan").at("device_scanned_at").as_string())), base - behind);
  EXPECT_EQ(dbl.at("server").at("decision").as_string(), "already_used");
  EXPECT_EQ(dbl.at("server").at("device_id").as_string(), "online-1");
  EXPECT_EQ(dbl.at("server").at("gate").as_string(), "Main");
  EXPECT_FALSE(dbl.at("server").at("at").is_null());
  const auto& ref = by_reason.at("refunded");
  EXPECT_EQ(ref.at("ticket").at("status").as_string(), "refunded");
  EXPECT_FALSE(ref.at("server").at("at").is_null()) << "when the refund was made";
  EXPECT_TRUE(by_reason.contains("superseded"));

  const auto& devices = report.at("devices").as_array();
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0].at("device_id").as_string(), "phone-slow");
  EXPECT_EQ(devices[0].at("scans").as_int64(), 4);
  EXPECT_EQ(devices[0].at("conflicts").as_int64(), 3);
  EXPECT_EQ(devices[0].at("skew_ms").as_int64(), skew);
  EXPECT_EQ(devices[0].at("user").as_string(), "steward");

  // The device changes hands and syncs again with a correct clock; another device syncs once.
  // Each device's line shows its latest upload (who, when, its clock then) and counts all of them.
  const auto second_steward = token_for_new_user("steward2", "scanner");
  ASSERT_EQ(upload("phone-slow", {scanned(new_code, base + 4000)}, now_ms(), second_steward).status, 200);
  ASSERT_EQ(upload("phone-fast", {scanned(twice.code, base + 5000)}, now_ms()).status, 200);
  const auto after = conflicts();
  ASSERT_EQ(after.at("items").as_array().size(), 4u) << "phone-fast's scan of the used ticket is a conflict too";
  const auto& both = after.at("devices").as_array();
  ASSERT_EQ(both.size(), 2u) << json::serialize(after);
  EXPECT_EQ(both[0].at("device_id").as_string(), "phone-fast") << "ordered by device id";
  EXPECT_EQ(both[0].at("scans").as_int64(), 1);
  EXPECT_EQ(both[0].at("conflicts").as_int64(), 1);
  EXPECT_EQ(both[0].at("user").as_string(), "steward");
  EXPECT_EQ(both[1].at("device_id").as_string(), "phone-slow");
  EXPECT_EQ(both[1].at("scans").as_int64(), 5);
  EXPECT_EQ(both[1].at("conflicts").as_int64(), 3);
  EXPECT_EQ(both[1].at("user").as_string(), "steward2") << "the latest upload's user";
  EXPECT_LT(std::abs(both[1].at("skew_ms").as_int64()), 5000) << "the latest upload's clock";
  // Every double admission still names the admission the server kept.
  for (const auto& x : after.at("items").as_array()) {
    if (x.at("reason").as_string() == "double_admission") {
      EXPECT_EQ(x.at("server").at("device_id").as_string(), "online-1") << json::serialize(x);
    }
  }

  // Viewers read the report; scanners do not.
  EXPECT_EQ(client->get(event_path("/conflicts"), token_for_new_user("watcher", "viewer")).status, 200);
  EXPECT_EQ(client->get(event_path("/conflicts"), scanner).status, 403);
  EXPECT_EQ(client->get("/api/events/424242/conflicts", admin_token).status, 404);
  EXPECT_EQ(upload("phone-x", {scanned(new_code, base)}, {}, token_for_new_user("watcher2", "viewer")).status, 403);
}

TEST_P(Offline, BadUploadsNameTheFieldAndApplyNothing) {
  const auto t = issued();
  const Millis now = now_ms();
  const auto field_of = [](const HttpResult& r) {
    std::set<std::string> out;
    if (r.status != 400) return out;
    const auto body = r.json();
    for (const auto& [k, v] : body.at("error").at("fields").as_object()) out.insert(std::string(k));
    return out;
  };
  auto good = scanned(t.code, now - 1000);
  auto bad_nonce = scanned(t.code, now - 1000);
  bad_nonce.nonce = "short";
  EXPECT_EQ(field_of(upload("p", {good, bad_nonce})), std::set<std::string>{"scans[1].nonce"});
  auto future = scanned(t.code, now + 3600 * 1000);
  EXPECT_EQ(field_of(upload("p", {future})), std::set<std::string>{"scans[0].scanned_at"});
  auto ancient = scanned(t.code, now - 40LL * 24 * 3600 * 1000);
  EXPECT_EQ(field_of(upload("p", {ancient})), std::set<std::string>{"scans[0].scanned_at"});
  EXPECT_EQ(field_of(upload("bad device id", {good})), std::set<std::string>{"device_id"});
  EXPECT_EQ(field_of(upload("p", {})), std::set<std::string>{"scans"});
  std::vector<Scanned> too_many(501, good);
  EXPECT_EQ(field_of(upload("p", too_many)), std::set<std::string>{"scans"});

  auto raw = [&](const std::string& body) {
    return client->request("POST", "/api/scans/offline", body,
                           {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + scanner}});
  };
  EXPECT_EQ(field_of(raw(R"({"device_id":"p","scans":[{"code":"x","nonce":"abcdefgh","scanned_at":"yesterday"}]})")),
            std::set<std::string>{"scans[0].scanned_at"});
  EXPECT_EQ(field_of(raw(R"({"device_id":"p","scans":[{"nonce":"abcdefgh","scanned_at":"2026-01-01T00:00:00Z"}]})")),
            std::set<std::string>{"scans[0].code"});
  EXPECT_EQ(field_of(raw(R"({"device_id":"p","scans":[7]})")), std::set<std::string>{"scans[0]"});
  EXPECT_EQ(field_of(raw(R"({"device_id":"p","scans":{}})")), std::set<std::string>{"scans"});
  EXPECT_EQ(raw("not json").status, 400);
  EXPECT_EQ(scan_rows(), 0) << "nothing of a refused batch is applied";
  EXPECT_EQ(client->get("/api/tickets/" + t.serial, admin_token).json().at("status").as_string(), "valid");
}

TEST_P(Offline, TwentyDevicesSyncingTheSameTicketAtOnceAdmitItOnce) {
  const auto t = issued();
  const Millis base = now_ms() - 5000;
  std::atomic<int> admitted{0}, conflicts_seen{0};
  race(20, [&](int i) {
    HttpClient c(port);
    json::object body{{"device_id", "phone-" + std::to_string(i)},
                      {"scans", json::array{{{"code", t.code},
                                             {"nonce", "race-nonce-" + std::to_string(i)},
                                             {"scanned_at", format_iso8601(base + i)}}}}};
    auto r = c.post_json("/api/scans/offline", body, scanner);
    if (r.status != 200) return ADD_FAILURE() << r.status << " " << r.body;
    const std::string outcome(r.json().at("results").at(0).at("outcome").as_string());
    if (outcome == "admitted") ++admitted;
    else if (outcome == "conflict") ++conflicts_seen;
  });
  EXPECT_EQ(admitted, 1);
  EXPECT_EQ(conflicts_seen, 19);
  EXPECT_EQ(conflicts().at("items").as_array().size(), 19u);
  EXPECT_EQ(conflicts().at("devices").as_array().size(), 20u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Offline, ::testing::ValuesIn(backends()), backend_name);
