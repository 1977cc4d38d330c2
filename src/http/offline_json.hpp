#pragma once
// The offline gate's JSON (docs/offline-gates.md): the pack, the sync answer, the conflict report.
#include <boost/json/object.hpp>

#include "app/offline_sync.hpp"
#include "domain/offline_pack.hpp"
#include "http/api_schema.hpp"

namespace gatepass::http {

boost::json::object to_json(const offline::Pack& pack);
boost::json::object to_json(const app::OfflineSyncAnswer& answer);
boost::json::object to_json(const app::ConflictReport& report);

namespace schemas {
schema::S offline_pack();
schema::S offline_upload();
schema::S offline_sync_answer();
schema::S conflict_report();
}  // namespace schemas

// How long a device may use a pack before its screen warns that it is stale.
inline constexpr std::int64_t kPackStaleAfterSeconds = 600;

}  // namespace gatepass::http
