#pragma once
// One audit row as a use case describes it (who, what, on which entity, details).
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "app/principal.hpp"

namespace gatepass::app {

struct Actor {
  std::optional<Id> id;
  std::string name;  // username, "public" or "system"
  // A device is no user: its rows name it ("device:<device_id>") without a user id.
  static Actor of(const Principal& p) { return {p.is_device() ? std::nullopt : std::optional<Id>(p.user_id), p.username}; }
  static Actor anonymous() { return {std::nullopt, "public"}; }
  static Actor system() { return {std::nullopt, "system"}; }
};

struct AuditRecord {
  std::string action;       // e.g. "registration.approve"
  std::string entity_type;  // e.g. "registration"
  std::optional<std::string> entity_id;
  std::optional<Id> event_id;
  boost::json::object details;
};

}  // namespace gatepass::app
