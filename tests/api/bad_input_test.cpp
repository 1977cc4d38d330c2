// Bad input always gets a clear 4xx with a JSON body, never a crash or a 500.
#include <boost/asio.hpp>

#include "support/api_fixture.hpp"

using namespace gatepass::testing;

class BadInput : public ApiFixture {
 protected:
  void expect_field_error(const HttpResult& r, const std::string& field, int status = 400) {
    EXPECT_EQ(r.status, status) << r.body;
    const auto j = r.json();
    ASSERT_TRUE(j.is_object()) << r.body;
    EXPECT_TRUE(j.at("error").at("fields").as_object().contains(field)) << field << " in " << r.body;
  }
};

TEST_P(BadInput, RegistrationFieldsAreNamed) {
  const auto ev = create_event_http({{"name", "E"}});
  auto post = [&](const std::string& body) {
    return client->request("POST", "/api/register", body, {{"Content-Type", "application/json"}});
  };
  expect_field_error(post("{not json"), "body");
  expect_field_error(post("[1,2]"), "body");
  expect_field_error(post(""), "body");
  expect_field_error(post("{}"), "event_id");
  expect_field_error(post(R"({"event_id":"1","name":"A","email":"a@b.co"})"), "event_id");
  expect_field_error(post(R"({"event_id":)" + std::to_string(ev) + R"(,"name":5,"email":"a@b.co"})"), "name");
  expect_field_error(post(R"({"event_id":)" + std::to_string(ev) + R"(,"name":"A","email":"not-an-email"})"), "email");
  expect_field_error(post(R"({"event_id":)" + std::to_string(ev) + R"(,"name":")" + std::string(300, 'x') + R"(","email":"a@b.co"})"), "name");
  expect_field_error(post(R"({"event_id":)" + std::to_string(ev) + R"(,"name":"A","email":"a@b.co","amount":-5})"), "amount");
  expect_field_error(post(R"({"event_id":)" + std::to_string(ev) + R"(,"name":"A","email":"a@b.co","amount":1.999})"), "amount");
  expect_field_error(post(R"({"event_id":)" + std::to_string(ev) + R"(,"name":"A","email":"a@b.co","phone":"call me"})"), "phone");
  expect_field_error(post(R"({"event_id":999999,"name":"A","email":"a@b.co"})"), "event_id");
  expect_field_error(post(R"({"event_id":1e400,"name":"A","email":"a@b.co"})"), "event_id");
  expect_field_error(post(std::string(100, '[') + std::string(100, ']')), "body");
  auto wrong_type = client->request("POST", "/api/register", "event_id=1", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(wrong_type.status, 415);
}

TEST_P(BadInput, HugeBodiesGet413) {
  const std::string body(10 * 1024 * 1024, 'x');
  auto r = client->request("POST", "/api/register", body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.json().at("error").at("code").as_string(), "payload_too_large");
  EXPECT_EQ(client->get("/api/health").status, 200);  // and the server is fine
}

TEST_P(BadInput, PagingIsBounded) {
  EXPECT_EQ(client->get("/api/admin/registrations?limit=100000", admin_token).status, 400);
  EXPECT_EQ(client->get("/api/admin/registrations?limit=0", admin_token).status, 400);
  EXPECT_EQ(client->get("/api/admin/registrations?offset=-1", admin_token).status, 400);
  EXPECT_EQ(client->get("/api/admin/registrations?limit=abc", admin_token).status, 400);
  EXPECT_EQ(client->get("/api/admin/registrations?status=weird", admin_token).status, 400);
  const auto ev = create_event_http({{"name", "E"}});
  for (int i = 0; i < 60; ++i) register_http(ev, "P" + std::to_string(i));
  auto page = client->get("/api/admin/registrations", admin_token).json();
  EXPECT_EQ(page.at("items").as_array().size(), 50u);  // bounded default
  EXPECT_EQ(page.at("total").as_int64(), 60);
  EXPECT_EQ(client->get("/api/admin/registrations?limit=200", admin_token).json().at("items").as_array().size(), 60u);
}

TEST_P(BadInput, PathTricksInTicketRoutesFindNothing) {
  for (const std::string& path : std::vector<std::string>{"/api/tickets/..%2F..%2Fetc%2Fpasswd/qr.png", "/api/tickets/%2e%2e/qr.png", "/api/tickets/../../etc/passwd",
        "/api/verify-ticket/..%2F..%2Fsecret.key", "/api/verify-ticket/%00", "/api/tickets/" + std::string(5000, 'A') + "/qr.svg",
        "/api/verify-ticket/" + std::string(2000, 'Z'), "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"}) {
    auto r = client->get(path, admin_token);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << path << " -> " << r.status;
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
  EXPECT_EQ(client->request("DELETE", "/api/events").status, 405);
  EXPECT_EQ(client->get("/api/nope").status, 404);
}

TEST_P(BadInput, MalformedHttpIsA400NotACrash) {
  namespace asio = boost::asio;
  asio::io_context ioc;
  asio::ip::tcp::socket s(ioc);
  s.connect({asio::ip::make_address("127.0.0.1"), port});
  const std::string junk = "GARBAGE /\x01\x02 HTTP/9.9\r\n\r\n";
  asio::write(s, asio::buffer(junk));
  std::string reply(4096, '\0');
  boost::system::error_code ec;
  const auto n = s.read_some(asio::buffer(reply), ec);
  EXPECT_NE(reply.substr(0, n).find("400"), std::string::npos) << reply.substr(0, n);
  EXPECT_EQ(client->get("/api/health").status, 200);
}

TEST_P(BadInput, UsersAndEventsValidateToo) {
  auto weak = client->post_json("/api/users", {{"username", "ok_name"}, {"password", "short"}, {"role", "root"}}, admin_token);
  expect_field_error(weak, "password");
  expect_field_error(weak, "role");
  expect_field_error(client->post_json("/api/events", {{"name", "E"}, {"starts_at", "tomorrow"}}, admin_token), "starts_at");
  expect_field_error(client->post_json("/api/events", {{"name", "E"}, {"capacity", -3}}, admin_token), "capacity");
  expect_field_error(client->post_json("/api/events", {{"name", "E"}, {"serial_prefix", "bad prefix"}}, admin_token), "serial_prefix");
  create_event_http({{"name", "E"}, {"serial_prefix", "SAME"}});
  auto dup = client->post_json("/api/events", {{"name", "F"}, {"serial_prefix", "SAME"}}, admin_token);
  expect_field_error(dup, "serial_prefix", 409);
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInput, ::testing::ValuesIn(backends()), backend_name);
