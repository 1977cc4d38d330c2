// The OpenAPI document itself: complete for every route, its examples valid, the committed copy
// (which the web app's typed client is generated from) current, and the checker that every other
// API test runs able to fail.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "http/handlers/handlers.hpp"
#include "http/openapi.hpp"
#include "http/request_body.hpp"
#include "support/openapi_check.hpp"

namespace gatepass::testing {
namespace {

namespace json = boost::json;

json::value document() {
  const auto router = http::make_api_router();
  return http::openapi_document(router.routes());
}

TEST(OpenApi, EveryOperationHasASuccessReplyRolesAnIdAndExamples) {
  const auto doc = document();
  int operations = 0;
  for (const auto& [path, methods] : doc.at("paths").as_object()) {
    for (const auto& [method, op_value] : methods.as_object()) {
      ++operations;
      const auto& op = op_value.as_object();
      const std::string where = std::string(method) + " " + std::string(path);
      EXPECT_FALSE(op.at("summary").as_string().empty()) << where;
      EXPECT_FALSE(op.at("operationId").as_string().empty()) << where;
      EXPECT_TRUE(op.contains("x-roles")) << where;
      bool has_success = false;
      for (const auto& [status, reply] : op.at("responses").as_object()) {
        const auto& content = reply.at("content").as_object();
        if (status.size() == 3 && status[0] == '2') {
          has_success = true;
          EXPECT_FALSE(content.empty()) << where << " " << status << ": no content type";
        }
        // Every JSON answer, errors included, has an example that fits its schema.
        if (const auto* media = content.if_contains("application/json")) {
          ASSERT_TRUE(media->as_object().contains("example")) << where << " " << status;
          for (const auto& p : validate_schema(media->at("example"), media->at("schema"), doc, "example"))
            ADD_FAILURE() << where << " " << status << ": " << p;
        }
      }
      EXPECT_TRUE(has_success) << where << ": no documented success reply";
      if (const auto* body = op.if_contains("requestBody")) {
        if (const auto* media = body->at("content").as_object().if_contains("application/json")) {
          ASSERT_TRUE(media->as_object().contains("example")) << where;
          for (const auto& p : validate_schema(media->at("example"), media->at("schema"), doc, "request example"))
            ADD_FAILURE() << where << ": " << p;
        }
      }
      // Routes behind a role say so, and every route answers errors with the one error body.
      const auto& responses = op.at("responses").as_object();
      EXPECT_TRUE(responses.contains("default")) << where;
      if (!op.at("x-roles").as_array().empty()) {
        EXPECT_TRUE(responses.contains("403")) << where;
      }
    }
  }
  const auto router = http::make_api_router();
  EXPECT_EQ(operations, static_cast<int>(router.routes().size())) << "one operation per route";
}

TEST(OpenApi, TheWebAppsCopyIsCurrent) {
  const std::string path = std::string(GATEPASS_TEST_SUPPORT_DIR) + "/../../web/src/api/openapi.json";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_TRUE(committed.str() == http::openapi_text())
      << "web/src/api/openapi.json is stale: run `build/release/src/gatepass openapi > web/src/api/openapi.json`";
}

TEST(OpenApi, TheCheckerCatchesWrongTypesMissingAndUnknownFields) {
  const auto doc = document();
  const json::value schema = http::schemas::user().json();
  json::object good{{"id", 1}, {"username", "gate-1"}, {"role", "scanner"}, {"email", nullptr}, {"active", true},
                    {"created_at", "2026-12-01T09:15:02.123Z"}, {"event_ids", json::array{3}}};
  EXPECT_TRUE(validate_schema(good, schema, doc).empty());
  auto wrong_type = good;
  wrong_type["active"] = "yes";
  auto missing = good;
  missing.erase("username");
  auto unknown = good;
  unknown["password_hash"] = "x";
  auto bad_enum = good;
  bad_enum["role"] = "root";
  auto bad_time = good;
  bad_time["created_at"] = "yesterday";
  for (const auto& bad : {wrong_type, missing, unknown, bad_enum, bad_time})
    EXPECT_EQ(validate_schema(bad, schema, doc).size(), 1u) << json::serialize(bad);
}

TEST(OpenApi, TheCheckerCatchesUndocumentedRoutesStatusesAndParameters) {
  const std::string user = R"({"id":1,"username":"a","role":"admin","email":null,"active":true,"created_at":"2026-12-01T09:15:02Z","event_ids":[]})";
  Exchange fine{"PATCH", "/api/users/3", "application/json", R"({"active":false})", 200, "application/json", user};
  EXPECT_TRUE(check_against_openapi(fine).empty());
  auto undocumented_status = fine;
  undocumented_status.status = 202;
  EXPECT_FALSE(check_against_openapi(undocumented_status).empty());
  auto unknown_route = fine;
  unknown_route.target = "/api/users/3/avatar";
  EXPECT_FALSE(check_against_openapi(unknown_route).empty());
  auto unknown_param = fine;
  unknown_param.target = "/api/users/3?force=1";
  EXPECT_FALSE(check_against_openapi(unknown_param).empty());
  auto unknown_body_field = fine;
  unknown_body_field.request_body = R"({"active":false,"nickname":"x"})";
  EXPECT_FALSE(check_against_openapi(unknown_body_field).empty());
  auto wrong_content_type = fine;
  wrong_content_type.response_content_type = "text/html";
  EXPECT_FALSE(check_against_openapi(wrong_content_type).empty());
  // An error status falls back to the documented error body, which must then match.
  Exchange error{"GET", "/api/users", "", "", 503, "application/json", R"({"error":{"code":"unavailable","message":"m","fields":{}}})"};
  EXPECT_TRUE(check_against_openapi(error).empty());
  error.response_body = R"({"detail":"busy"})";
  EXPECT_FALSE(check_against_openapi(error).empty());
}

// A body described once: the decoder and the schema agree on names, types and what is required.
struct ProbeBody {
  http::Required<std::string> name;
  http::Needed<std::int64_t> count;
  std::optional<bool> flag;
  std::optional<std::optional<std::string>> note;
  http::Money price;
  static void document(http::BodyDoc& d) { d.example = {{"name", "x"}, {"count", 1}}; }
};
BOOST_DESCRIBE_STRUCT(ProbeBody, (), (name, count, flag, note, price))

TEST(OpenApi, ADescribedBodyDecodesAndDocumentsTheSameFields) {
  const auto s = http::body_schema<ProbeBody>().schema.json();
  EXPECT_EQ(json::serialize(s.at("required")), R"(["name","count"])");
  EXPECT_EQ(s.at("properties").at("note").at("nullable"), true);
  EXPECT_EQ(s.at("properties").at("price").at("oneOf").as_array().size(), 2u) << "decimal text or a JSON number";

  const auto ok = http::decode_fields<ProbeBody>(json::parse(R"({"name":"a","count":3,"note":null,"price":12.5})").as_object());
  EXPECT_EQ(*ok.name, "a");
  EXPECT_EQ(ok.count, 3);
  ASSERT_TRUE(ok.note.has_value());
  EXPECT_FALSE(ok.note->has_value());
  EXPECT_EQ(ok.price, "12.5");
  try {
    http::decode_fields<ProbeBody>(json::parse(R"({"count":"three","flag":1})").as_object());
    FAIL() << "bad fields must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation);
    EXPECT_EQ(e.fields().at("name"), "is required");
    EXPECT_EQ(e.fields().at("count"), "must be an integer");
    EXPECT_EQ(e.fields().at("flag"), "must be true or false");
  }
}

}  // namespace
}  // namespace gatepass::testing
