// Server lifecycle: shutting down under load loses nothing that was acknowledged; the API
// describes itself.
#include <latch>
#include <thread>

#include "app/registrations.hpp"
#include "support/api_fixture.hpp"

using namespace gatepass::testing;

class Lifecycle : public ApiFixture {};

TEST_P(Lifecycle, StopUnderLoadLosesNoAcknowledgedWrite) {
  const auto ev = create_event_http({{"name", "E"}});
  constexpr int kClients = 24;
  std::atomic<int> acknowledged{0};
  std::atomic<bool> go_stop{false};
  std::latch started(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([&, i] {
      HttpClient c(port);
      started.count_down();
      for (int k = 0; k < 10'000; ++k) {
        try {
          const auto r = c.post_json("/api/register", {{"event_id", ev}, {"name", "P" + std::to_string(i)}, {"email", "p" + std::to_string(i) + "." + std::to_string(k) + "@example.com"}});
          if (r.status == 201) ++acknowledged;
          else if (r.status != 503) ADD_FAILURE() << r.status << " " << r.body;
          if (r.status == 503) break;
        } catch (const std::exception&) {
          break;  // connection closed or refused: the server has stopped; nothing was acknowledged
        }
        if (k == 20) go_stop = true;
      }
    });
  started.wait();
  while (!go_stop) std::this_thread::yield();
  server->stop();  // while the clients are still sending
  for (auto& t : clients) t.join();
  ASSERT_GT(acknowledged.load(), 0);
  const auto stored = gatepass::app::list_registrations(*ctx, {}, {1, 0}).total;
  EXPECT_EQ(stored, acknowledged.load()) << "every 201 must be in the database, and nothing else";
}

TEST_P(Lifecycle, OpenApiDescribesEveryRouteAndDocsPageLoads) {
  const auto spec = client->get("/api/openapi.json");
  ASSERT_EQ(spec.status, 200);
  const auto body = spec.json();
  const auto& paths = body.at("paths").as_object();
  for (const char* p : {"/api/health", "/api/auth/login", "/api/auth/me", "/api/users", "/api/users/{id}", "/api/events",
                        "/api/events/{id}", "/api/register", "/api/admin/registrations", "/api/admin/approve/{id}",
                        "/api/admin/decline/{id}", "/api/tickets/{serial}/qr.png", "/api/tickets/{serial}/qr.svg",
                        "/api/verify-ticket/{code}", "/api/mark-used/{code}", "/api/admin/logs", "/api/admin/stats", "/api/admin/attachments/{id}", "/api/openapi.json",
                        "/api/docs"})
    EXPECT_TRUE(paths.contains(p)) << p;
  auto app_page = client->get("/");
  EXPECT_NE(app_page.headers["content-security-policy"].find("default-src 'self'"), std::string::npos);
  const auto docs = client->get("/api/docs");
  EXPECT_EQ(docs.status, 200);
  EXPECT_NE(docs.body.find("openapi.json"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Lifecycle, ::testing::ValuesIn(backends()), backend_name);
