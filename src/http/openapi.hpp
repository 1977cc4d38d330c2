#pragma once
// The OpenAPI 3.0 document, built from the route table and each route's contract.
#include <boost/json/object.hpp>

#include "http/router.hpp"

namespace gatepass::http {

boost::json::object openapi_document(const std::vector<Route>& routes);
// The document of the whole API (make_api_router()), pretty-printed: `gatepass openapi` and the
// committed copy the web app's typed client is generated from (web/src/api/openapi.json).
std::string openapi_text();

}  // namespace gatepass::http
