#pragma once
// JSON shapes of a person's data (docs/privacy.md): the export document, an erasure's counts and
// holders' erasure requests. The CLI prints the same documents.
#include <boost/json/object.hpp>

#include "app/privacy/erase.hpp"
#include "app/privacy/export.hpp"
#include "http/api_schema.hpp"
#include "store/privacy_requests_repo.hpp"

namespace gatepass::http {

// Rows as stored: column -> value, times (`*_at`) as ISO 8601, JSON columns (details, vars) as
// JSON; mail variables that are links or codes (credentials) are left out.
boost::json::object to_json(const app::privacy::Export& e);
boost::json::object to_json(const app::privacy::EraseResult& r);
boost::json::object to_json(const store::privacy_requests::Request& r);

namespace schemas {
schema::S privacy_export();
schema::S privacy_erase_result();
schema::S privacy_request();
}  // namespace schemas

}  // namespace gatepass::http
