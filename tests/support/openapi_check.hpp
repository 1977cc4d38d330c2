#pragma once
// Checks what the API tests send and receive against /api/openapi.json (built in-process from the
// route table): every response must be documented for its route and status and match its schema;
// a successful request's JSON body must match the request schema; every query parameter must be
// documented. HttpClient runs it on every exchange, so each API test is also a contract test.
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace gatepass::testing {

struct Exchange {
  std::string method;
  std::string target;  // path and query, as sent
  std::string request_content_type;
  std::string request_body;
  int status = 0;
  std::string response_content_type;
  std::string response_body;
};

// Problems found (empty: the exchange keeps the contract).
std::vector<std::string> check_against_openapi(const Exchange& x);

// Validates `value` against a JSON Schema (the OpenAPI 3.0 subset the document uses), resolving
// $ref in `document`. Returns the problems, each with its JSON path.
std::vector<std::string> validate_schema(const boost::json::value& value, const boost::json::value& schema,
                                         const boost::json::value& document, const std::string& path = "$");

}  // namespace gatepass::testing
