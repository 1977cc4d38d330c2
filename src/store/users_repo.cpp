#include "store/users_repo.hpp"

namespace gatepass::store::users {

namespace {
const std::string kColumns = "id, username, password_hash, role, email, active, created_at, token_version, display_name";

User from_row(const Row& r) {
  User u;
  u.id = r.integer(0);
  u.username = r.text(1);
  u.password_hash = r.text(2);
  u.role = parse_role(r.text(3)).value_or(Role::viewer);
  u.email = r.opt_text(4);
  u.active = r.integer(5) != 0;
  u.created_at = r.integer(6);
  u.token_version = r.integer(7);
  u.display_name = r.opt_text(8);
  return u;
}

}  // namespace

Id insert(Connection& c, const User& u, Millis now) {
  auto r = c.query(
      "INSERT INTO users (username, password_hash, role, email, active, created_at, updated_at, display_name) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.username, u.password_hash, std::string(to_string(u.role)), opt(u.email), std::int64_t{u.active ? 1 : 0}, now,
       now, opt(u.display_name)});
  return r.rows.at(0).integer(0);
}

std::optional<User> find_by_username(Connection& c, const std::string& username) {
  auto r = c.query("SELECT " + kColumns + " FROM users WHERE username = ?", {username});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::optional<User> find_by_id(Connection& c, Id id) {
  auto r = c.query("SELECT " + kColumns + " FROM users WHERE id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::optional<User> find_attendee_by_email(Connection& c, const std::string& email) {
  auto r = c.query("SELECT " + kColumns + " FROM users WHERE role = 'attendee' AND lower(email) = lower(?)", {email});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

Page<User> list(Connection& c, std::int64_t limit, std::int64_t offset) {
  Page<User> page;
  for (auto& row : c.query("SELECT " + kColumns + " FROM users ORDER BY id LIMIT ? OFFSET ?", {limit, offset}).rows)
    page.items.push_back(from_row(row));
  page.total = c.query("SELECT COUNT(*) FROM users", {}).rows.at(0).integer(0);
  return page;
}

void update(Connection& c, const User& u, Millis now) {
  c.query(
      "UPDATE users SET password_hash = ?, role = ?, email = ?, active = ?, token_version = ?, updated_at = ? "
      "WHERE id = ?",
      {u.password_hash, std::string(to_string(u.role)), opt(u.email), std::int64_t{u.active ? 1 : 0}, u.token_version,
       now, u.id});
}

std::int64_t bump_token_version(Connection& c, Id id, Millis now) {
  return c.query("UPDATE users SET token_version = token_version + 1, updated_at = ? WHERE id = ?", {now, id}).affected;
}

std::int64_t count_active_admins(Connection& c) {
  return c.query("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1", {}).rows.at(0).integer(0);
}

void lock_admin_set(Connection& c) {
  if (c.dialect() == Dialect::postgres) c.exec_script("SELECT pg_advisory_xact_lock(4242002)");
}

}  // namespace gatepass::store::users
