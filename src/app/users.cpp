#include "app/users.hpp"

#include "app/audit.hpp"
#include "app/gate/assignment.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/assignments_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app {

namespace {
namespace v = validation;

Role validated_role(const std::string& role, FieldErrors& errors) {
  auto r = parse_role(role);
  // Staff accounts only: holders (attendee) sign up themselves and get no staff rights this way.
  if (!r || *r == Role::attendee) {
    errors.add("role", "must be one of admin, scanner, viewer (ticket holders sign up themselves)");
    r.reset();
  }
  return r.value_or(Role::viewer);
}

User insert_user(Context& ctx, const Actor& actor, const NewUser& in) {
  FieldErrors errors;
  if (auto e = v::check_username(in.username)) errors.add("username", *e);
  if (auto e = v::check_password(in.password)) errors.add("password", *e);
  if (in.email)
    if (auto e = v::check_email(*in.email)) errors.add("email", *e);
  const Role role = validated_role(in.role, errors);
  gate::check_event_ids(in.event_ids, 200, errors);
  if (!in.event_ids.empty() && role != Role::scanner)
    errors.add("event_ids", "only scanners are assigned to events (admins scan every event)");
  errors.throw_if_any();

  User u;
  u.username = in.username;
  // Slow on purpose: outside the transaction, and at most a few at once (64 MiB each).
  u.password_hash = ctx.password_slots.run([&] { return crypto::hash_password(in.password); });
  u.role = role;
  u.email = in.email;
  const Millis now = ctx.now();
  try {
    ctx.db.write([&](store::Connection& c) {
      u.id = store::users::insert(c, u, now);
      if (!in.event_ids.empty()) {
        gate::require_known_events(c, in.event_ids);
        store::assignments::set_user_events(c, u.id, in.event_ids);
        u.event_ids = in.event_ids;
      }
      AuditRecord rec{"user.create", "user", std::to_string(u.id), std::nullopt, {}};
      rec.details["username"] = u.username;
      rec.details["role"] = std::string(to_string(u.role));
      record_audit(c, actor, rec, now);
    });
  } catch (const store::UniqueViolation&) {
    throw Error(ErrorCode::conflict, "That username is taken", {{"username", "is already taken"}});
  }
  u.created_at = now;
  return u;
}
}  // namespace

User create_user(Context& ctx, const Principal& by, const NewUser& input) {
  return insert_user(ctx, Actor::of(by), input);
}

User add_user_from_cli(Context& ctx, const NewUser& input) { return insert_user(ctx, Actor::system(), input); }

User update_user(Context& ctx, const Principal& by, Id id, const UserChanges& ch) {
  FieldErrors errors;
  std::optional<Role> role;
  if (ch.role) role = validated_role(*ch.role, errors);
  if (ch.password)
    if (auto e = v::check_password(*ch.password)) errors.add("password", *e);
  if (ch.email && *ch.email)
    if (auto e = v::check_email(**ch.email)) errors.add("email", *e);
  if (ch.event_ids) gate::check_event_ids(*ch.event_ids, 200, errors);
  errors.throw_if_any();
  const auto new_hash = ch.password ? std::optional(ctx.password_slots.run([&] { return crypto::hash_password(*ch.password); }))
                                    : std::nullopt;

  User user;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    store::users::lock_admin_set(c);  // before reading: the last-admin check below must not race
    auto found = store::users::find_by_id(c, id);
    if (!found) throw Error(ErrorCode::not_found, "No user with id " + std::to_string(id));
    user = *found;
    const bool was_active_admin = user.role == Role::admin && user.active;
    if (role) user.role = *role;
    if (ch.active) user.active = *ch.active;
    if (new_hash) user.password_hash = *new_hash;
    if (ch.email) user.email = *ch.email;
    // New credentials or fewer rights end the sessions issued before (tokens carry the version).
    const bool ends_sessions = new_hash || user.role != found->role || (found->active && !user.active);
    if (ends_sessions) ++user.token_version;
    // Never lock everybody out: the last active admin can be neither demoted nor deactivated.
    if (was_active_admin && (user.role != Role::admin || !user.active) && store::users::count_active_admins(c) <= 1)
      throw Error(ErrorCode::conflict, "This is the last active admin; create another admin first");
    store::users::update(c, user, now);
    if (ch.event_ids) {
      if (user.role != Role::scanner && !ch.event_ids->empty())
        throw Error(ErrorCode::validation, "Some fields are invalid",
                    {{"event_ids", "only scanners are assigned to events (admins scan every event)"}});
      gate::require_known_events(c, *ch.event_ids);
      store::assignments::set_user_events(c, id, *ch.event_ids);
    }
    user.event_ids = user.role == Role::scanner ? store::assignments::user_events(c, id) : std::vector<Id>{};
    AuditRecord rec{"user.update", "user", std::to_string(id), std::nullopt, {}};
    if (role) rec.details["role"] = std::string(to_string(*role));
    if (ch.active) rec.details["active"] = *ch.active;
    if (new_hash) rec.details["password_reset"] = true;
    if (ch.email) rec.details["email_changed"] = true;
    if (ch.event_ids) {
      boost::json::array ids;
      for (Id e : *ch.event_ids) ids.push_back(e);
      rec.details["event_ids"] = std::move(ids);
    }
    if (ends_sessions) rec.details["sessions_ended"] = true;
    record_audit(c, Actor::of(by), rec, now);
  });
  ctx.users.invalidate(id);
  return user;
}

store::Page<User> list_users(Context& ctx, const PageRequest& page) {
  store::Page<User> out;
  ctx.db.read([&](store::Connection& c) { out = store::users::list(c, page.limit, page.offset); });
  return out;
}

bool ensure_admin(Context& ctx, const std::string& username, const std::string& password) {
  std::optional<User> existing;
  ctx.db.read([&](store::Connection& c) { existing = store::users::find_by_username(c, store::users::Namespace::staff, username); });
  if (existing) return false;
  try {
    insert_user(ctx, Actor::system(), {username, password, "admin", std::nullopt, {}});
  } catch (const Error& e) {
    if (e.code() == ErrorCode::conflict) return false;  // another instance created it first
    throw;
  }
  return true;
}

}  // namespace gatepass::app
