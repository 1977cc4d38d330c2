#pragma once
#include "app/context.hpp"
#include "store/page.hpp"

namespace gatepass::app {

struct NewUser {
  std::string username;
  std::string password;
  std::string role;  // validated here
  std::optional<std::string> email;
  std::vector<Id> event_ids;  // scanners: the events they may scan (none = none)
};
User create_user(Context& ctx, const Principal& by, const NewUser& input);

struct UserChanges {
  std::optional<std::string> role;
  std::optional<bool> active;
  std::optional<std::string> password;
  std::optional<std::optional<std::string>> email;  // set to a value or to null
  std::optional<std::vector<std::int64_t>> event_ids;  // scanners: replaces their events
};
User update_user(Context& ctx, const Principal& by, Id id, const UserChanges& changes);
store::Page<User> list_users(Context& ctx, const PageRequest& page);

// First-run helper: creates the admin unless that username exists. Returns true if created.
bool ensure_admin(Context& ctx, const std::string& username, const std::string& password);
// CLI: `gatepass user add` (no caller: recorded as "system").
User add_user_from_cli(Context& ctx, const NewUser& input);

}  // namespace gatepass::app
