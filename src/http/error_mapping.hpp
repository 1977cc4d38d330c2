#pragma once
#include <boost/json/object.hpp>
#include <exception>

#include "http/message.hpp"

namespace gatepass::http {
// The one place that turns any exception into a status and a JSON error body:
// {"error":{"code":"…","message":"…","fields":{…}}}. Unexpected exceptions are logged and
// answered with a generic 500 that leaks no internals.
Response error_response(std::exception_ptr e);
Response error_response(int status, std::string_view code, std::string_view message);
// {"error":{…}} for handlers that add more to an error answer (e.g. the ticket on a 409).
boost::json::object error_object(std::string_view code, std::string_view message);
}  // namespace gatepass::http
