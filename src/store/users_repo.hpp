#pragma once
#include <optional>

#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::users {

Id insert(Connection& c, const User& u, Millis now);  // UniqueViolation when the name is taken
std::optional<User> find_by_username(Connection& c, const std::string& username);
std::optional<User> find_by_id(Connection& c, Id id);
// Attendee emails are unique (case-insensitive), so an email names at most one holder.
std::optional<User> find_attendee_by_email(Connection& c, const std::string& email);
Page<User> list(Connection& c, std::int64_t limit, std::int64_t offset);
void update(Connection& c, const User& u, Millis now);
std::int64_t count_active_admins(Connection& c);
// Ends every session of the user (tokens carry the version they were issued with).
std::int64_t bump_token_version(Connection& c, Id id, Millis now);
// Serialises changes to the set of active admins until the end of the transaction, so "is this
// the last admin?" cannot be answered twice at once (PostgreSQL advisory lock; SQLite writes
// are serialised already).
void lock_admin_set(Connection& c);

}  // namespace gatepass::store::users
