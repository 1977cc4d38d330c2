#include "store/users_repo.hpp"

#include "store/assignments_repo.hpp"

namespace gatepass::store::users {

namespace {
const std::string kColumns =
    "id, username, password_hash, role, email, active, created_at, token_version, display_name, email_verified_at, locale";

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
  u.email_verified_at = r.opt_integer(9);
  u.locale = r.opt_text(10);
  return u;
}

}  // namespace

Id insert(Connection& c, const User& u, Millis now) {
  auto r = c.query(
      "INSERT INTO users (username, password_hash, role, email, active, created_at, updated_at, display_name, locale) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {u.username, u.password_hash, std::string(to_string(u.role)), opt(u.email), std::int64_t{u.active ? 1 : 0}, now,
       now, opt(u.display_name), opt(u.locale)});
  return r.rows.at(0).integer(0);
}

std::optional<User> find_by_username(Connection& c, Namespace ns, const std::string& username) {
  auto r = c.query("SELECT " + kColumns + " FROM users WHERE username = ? AND " +
                       (ns == Namespace::holder ? "role = 'attendee'" : "role <> 'attendee'"),
                   {username});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::vector<User> find_login_candidates(Connection& c, const std::string& username) {
  std::vector<User> out;
  // Staff first: without a hint, a staff account and a holder of one name are both tried.
  for (auto& row : c.query("SELECT " + kColumns + " FROM users WHERE username = ? ORDER BY role = 'attendee', id",
                           {username}).rows)
    out.push_back(from_row(row));
  return out;
}

std::optional<User> find_by_id(Connection& c, Id id) {
  auto r = c.query("SELECT " + kColumns + " FROM users WHERE id = ?", {id});
  if (r.rows.empty()) return std::nullopt;
  auto u = from_row(r.rows[0]);
  if (u.role == Role::scanner) u.event_ids = assignments::user_events(c, u.id);
  return u;
}

std::optional<User> find_verified_attendee_by_email(Connection& c, const std::string& email) {
  auto r = c.query("SELECT " + kColumns +
                       " FROM users WHERE role = 'attendee' AND email_verified_at IS NOT NULL AND lower(email) = lower(?)",
                   {email});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

std::vector<User> find_active_by_email(Connection& c, const std::string& email) {
  std::vector<User> out;
  for (auto& row : c.query("SELECT " + kColumns + " FROM users WHERE lower(email) = lower(?) AND active = 1 ORDER BY id LIMIT 10",
                           {email}).rows)
    out.push_back(from_row(row));
  return out;
}

std::int64_t mark_email_verified(Connection& c, Id id, const std::string& email, Millis now) {
  return c.query("UPDATE users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND lower(email) = lower(?)",
                 {now, now, id, email}).affected;
}

std::int64_t release_unverified_email(Connection& c, const std::string& email, Id except, Millis now) {
  return c.query("UPDATE users SET email = NULL, updated_at = ? WHERE role = 'attendee' AND email_verified_at IS NULL "
                 "AND lower(email) = lower(?) AND id <> ?",
                 {now, email, except}).affected;
}

Page<User> list(Connection& c, std::int64_t limit, std::int64_t offset) {
  Page<User> page;
  for (auto& row : c.query("SELECT " + kColumns + " FROM users ORDER BY id LIMIT ? OFFSET ?", {limit, offset}).rows) {
    page.items.push_back(from_row(row));
    if (page.items.back().role == Role::scanner) page.items.back().event_ids = assignments::user_events(c, page.items.back().id);
  }
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

void set_password(Connection& c, Id id, const std::string& password_hash, Millis now) {
  c.query("UPDATE users SET password_hash = ?, token_version = token_version + 1, updated_at = ? WHERE id = ?",
          {password_hash, now, id});
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
