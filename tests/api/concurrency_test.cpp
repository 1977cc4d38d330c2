// Many clients, many connections, at once, over real HTTP.
#include <set>

#include <fmt/format.h>

#include "support/api_fixture.hpp"
#include "support/race.hpp"
#include "support/serials_by_registration.hpp"

using namespace gatepass::testing;

class Concurrency : public ApiFixture {};


TEST_P(Concurrency, FiftyScannersOneTicketOneAdmission) {
  const auto ev = create_event_http({{"name", "E"}});
  const auto scanner = token_for_new_user("gate1", "scanner");
  for (int round = 0; round < 5; ++round) {
    const auto payload = url_encode(str(issued_ticket(ev), "qr_payload"));
    std::atomic<int> ok{0}, conflict{0}, other{0};
    race(50, [&](int) {
      HttpClient c(port);  // one connection per gate phone
      const auto r = c.post("/api/mark-used/" + payload, scanner);
      if (r.status == 200) ++ok;
      else if (r.status == 409) ++conflict;
      else {
        ++other;
        ADD_FAILURE() << r.status << " " << r.body;
      }
    });
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(conflict, 49);
    EXPECT_EQ(other, 0);
  }
}

TEST_P(Concurrency, TwentyApprovalsOneSerialNo500) {
  const auto ev = create_event_http({{"name", "E"}});
  for (int round = 0; round < 3; ++round) {
    const auto reg = register_http(ev);
    std::vector<std::string> serials(20);
    std::atomic<int> non200{0};
    race(20, [&](int i) {
      HttpClient c(port);
      const auto r = c.post("/api/admin/approve/" + std::to_string(reg), admin_token);
      if (r.status != 200) {
        ++non200;
        ADD_FAILURE() << r.status << " " << r.body;
        return;
      }
      serials[i] = std::string(r.json().at("ticket").at("serial").as_string());
    });
    EXPECT_EQ(non200, 0);
    for (const auto& s : serials) EXPECT_EQ(s, serials[0]);
  }
}

// 40 registrations, each approved twice at once, for 20 places: exactly 20 tickets, numbered 1 to
// 20 (no place left unsold while the numbers were out on lease), each registration's two answers the
// same ticket, the rest refused as full. On PostgreSQL approvals run in I/O-thread fibers that wait
// for each other's number reservations (app/ticket_numbers.hpp) without blocking their thread.
TEST_P(Concurrency, DoubledApprovalsAtTheCapacitySellEveryPlaceOnce) {
  const auto ev = create_event_http({{"name", "Small"}, {"capacity", 20}, {"serial_prefix", "CAP"}});
  std::vector<std::int64_t> regs;
  for (int i = 0; i < 40; ++i) regs.push_back(register_http(ev, "P" + std::to_string(i)));
  SerialsByRegistration serials(regs.size());
  std::atomic<int> full{0}, other{0};
  race(80, [&](int i) {
    HttpClient c(port);
    const auto reg = static_cast<std::size_t>(i % 40);
    const auto r = c.post("/api/admin/approve/" + std::to_string(regs[reg]), admin_token);
    if (r.status == 409) {
      ++full;
      return;
    }
    if (r.status != 200) {
      ++other;
      ADD_FAILURE() << r.status << " " << r.body;
      return;
    }
    serials.record(reg, std::string(r.json().at("ticket").at("serial").as_string()));
  });
  const auto issued = serials.issued();
  std::set<std::string> expected;
  for (int n = 1; n <= 20; ++n) expected.insert(fmt::format("CAP-{:06}", n));
  EXPECT_EQ(issued, expected);
  EXPECT_EQ(full, 40) << "20 registrations x 2 attempts refused as full";
  EXPECT_EQ(other, 0);
}

TEST_P(Concurrency, ManyRegistrationsAreAllStored) {
  const auto ev = create_event_http({{"name", "E"}});
  std::atomic<int> created{0};
  race(32, [&](int i) {
    HttpClient c(port);
    for (int k = 0; k < 10; ++k) {
      auto r = c.post_json("/api/register", {{"event_id", ev}, {"name", "P" + std::to_string(i * 100 + k)},
                                                    {"email", "p" + std::to_string(i * 100 + k) + "@example.com"}});
      if (r.status == 201) ++created;
      else ADD_FAILURE() << r.status << " " << r.body;
    }
  });
  EXPECT_EQ(created, 320);
  // Every acknowledged registration is there.
  EXPECT_EQ(client->get("/api/admin/registrations?limit=1", admin_token).json().at("total").as_int64(), 320);
}

INSTANTIATE_TEST_SUITE_P(Backends, Concurrency, ::testing::ValuesIn(backends()), backend_name);
