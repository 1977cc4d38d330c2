#include "app/privacy/erase.hpp"

#include "app/attachments.hpp"
#include "app/audit.hpp"
#include "app/privacy/person.hpp"
#include "domain/error.hpp"
#include "domain/validation.hpp"
#include "store/privacy_requests_repo.hpp"
#include "store/users_repo.hpp"

namespace gatepass::app::privacy {

namespace {
struct RollBack {};  // ends a dry run's transaction without committing

std::optional<std::string> checked_reason(const std::optional<std::string>& reason, bool required) {
  if (!reason || validation::trim(*reason).empty()) {
    if (required) throw Error(ErrorCode::validation, "Say why the data is erased", {{"reason", "is required"}});
    return std::nullopt;
  }
  if (auto why = validation::check_text(*reason, 500, true)) throw Error(ErrorCode::validation, "Bad reason", {{"reason", *why}});
  return validation::trim(*reason);
}

// Erases `person`, audits it (the reason too, unless it names them), and tells the caller what to
// do after the commit.
store::privacy::Erased erase_and_audit(store::Connection& c, const store::privacy::Person& person, const Actor& by,
                                       AuditRecord rec, const std::optional<std::string>& reason, Millis now) {
  auto erased = store::privacy::erase_person(c, person, now);
  erased.audit_entries = erase_from_audit_log(c, store::privacy::audit_subject(person), by, "privacy.erase", now);
  if (reason) rec.details["reason"] = personal_data::scrub_text(*reason, person.identifiers);
  const std::pair<const char*, std::int64_t> counts[] = {
      {"accounts", erased.accounts},   {"registrations", erased.registrations}, {"attachments", erased.attachments},
      {"tickets", erased.tickets},     {"ticket_history", erased.ticket_history}, {"scans", erased.scans},
      {"sales", erased.sales},         {"refunds", erased.refunds},             {"transfers", erased.transfers},
      {"mail", erased.mail},           {"audit_entries", erased.audit_entries}, {"jobs", erased.jobs}};
  for (const auto& [name, n] : counts) rec.details[name] = n;
  record_audit(c, by, rec, now);
  return erased;
}

// After the commit: the files of the deleted attachment rows, and the erased accounts' cached
// logins. (An unknown commit outcome leaves the files to housekeeping's orphan sweep.)
void after_commit(Context& ctx, const store::privacy::Person& person, const store::privacy::Erased& erased) {
  const auto dir = ctx.config.data_dir + "/attachments";
  for (const auto& f : erased.attachment_files) remove_attachment(dir, f);
  for (const auto id : person.accounts) ctx.users.invalidate(id);
}
}  // namespace

EraseResult erase_person(Context& ctx, const Actor& by, const std::optional<std::string>& email,
                         const std::optional<std::string>& reason, bool dry_run) {
  EraseResult out;
  const auto address = checked_email(email);
  const auto why = checked_reason(reason, !dry_run);
  out.subject = subject_of(ctx, address);
  out.dry_run = dry_run;
  const Millis now = ctx.now();
  store::privacy::Person person;
  try {
    ctx.db.write([&](store::Connection& c) {
      person = store::privacy::find_person(c, address, {});
      if (person.empty()) throw Error(ErrorCode::not_found, "Nothing is held about this address");
      out.erased = erase_and_audit(c, person, by, {"privacy.erase", "person", out.subject, std::nullopt, {}}, why, now);
      if (dry_run) throw RollBack{};
    });
  } catch (const RollBack&) {
    return out;
  }
  after_commit(ctx, person, out.erased);
  return out;
}

EraseResult confirm_request(Context& ctx, const Principal& by, Id request_id, const std::optional<std::string>& reason) {
  EraseResult out;
  const auto why = checked_reason(reason, false);
  const Millis now = ctx.now();
  store::privacy::Person person;
  ctx.db.write([&](store::Connection& c) {
    const auto request = store::privacy_requests::find(c, request_id);
    if (!request) throw Error(ErrorCode::not_found, "No such erasure request");
    if (store::privacy_requests::mark_done(c, request_id, by.user_id, now) != 1)
      throw Error(ErrorCode::conflict, "This request was confirmed already");
    // An unverified address may be someone else's: then only the account itself is theirs.
    const std::optional<std::string> address =
        request->email_verified && request->email ? request->email : std::nullopt;
    out.subject = subject_of(ctx, address.value_or("account:" + std::to_string(request->user_id)));
    person = store::privacy::find_person(c, address, {request->user_id});
    AuditRecord rec{"privacy.erase", "person", out.subject, std::nullopt, {}};
    rec.details["erase_request_id"] = request_id;
    out.erased = erase_and_audit(c, person, Actor::of(by), rec, why.value_or("requested by the holder"), now);
  });
  after_commit(ctx, person, out.erased);
  return out;
}

}  // namespace gatepass::app::privacy
