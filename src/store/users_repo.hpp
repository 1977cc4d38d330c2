#pragma once
#include <optional>
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::users {

Id insert(Connection& c, const User& u, Millis now);  // UniqueViolation when the name is taken
// Holder (attendee) and staff usernames are separate namespaces (docs/accounts.md): sign-up never
// tells whether a staff account has a name.
enum class Namespace { staff, holder };
std::optional<User> find_by_username(Connection& c, Namespace ns, const std::string& username);
// Every account with this username (at most one per namespace), staff first.
std::vector<User> find_login_candidates(Connection& c, const std::string& username);
std::optional<User> find_by_id(Connection& c, Id id);
// A verified holder address is unique (case-insensitive), so it names at most one holder. Unverified
// addresses name nobody.
std::optional<User> find_verified_attendee_by_email(Connection& c, const std::string& email);
// Active accounts (staff or holder) with this address, for password reset; at most 10.
std::vector<User> find_active_by_email(Connection& c, const std::string& email);
// Verifies exactly the address the token was sent to: 0 if the account's address changed since.
std::int64_t mark_email_verified(Connection& c, Id id, const std::string& email, Millis now);
// Unverified holder accounts that gave this address lose it once another account verified it.
std::int64_t release_unverified_email(Connection& c, const std::string& email, Id except, Millis now);
Page<User> list(Connection& c, std::int64_t limit, std::int64_t offset);
void update(Connection& c, const User& u, Millis now);
std::int64_t count_active_admins(Connection& c);
// A new password hash; ends every session of the account (token version + 1).
void set_password(Connection& c, Id id, const std::string& password_hash, Millis now);
// Ends every session of the user (tokens carry the version they were issued with).
std::int64_t bump_token_version(Connection& c, Id id, Millis now);
// Serialises changes to the set of active admins until the end of the transaction, so "is this
// the last admin?" cannot be answered twice at once (PostgreSQL advisory lock; SQLite writes
// are serialised already).
void lock_admin_set(Connection& c);

}  // namespace gatepass::store::users
