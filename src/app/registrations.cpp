#include "app/registrations.hpp"

#include "app/outbox.hpp"
#include "app/search/search_index.hpp"

#include "app/attachments.hpp"
#include "app/audit.hpp"
#include "app/issue_ticket.hpp"
#include "app/ticket_numbers.hpp"
#include "domain/error.hpp"
#include "domain/locale.hpp"
#include "domain/time.hpp"
#include "domain/validation.hpp"
#include "store/events_repo.hpp"
#include "store/tickets_repo.hpp"

namespace gatepass::app {

namespace {
namespace v = validation;

// Email addresses compared for the per-event allowance: trimmed, ASCII letters folded.
std::string email_key(const std::string& email) {
  std::string out = v::trim(email);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

Registration validated(const RegistrationInput& in, FieldErrors& errors) {
  Registration r;
  if (!in.event_id) errors.add("event_id", "is required");
  else r.event_id = *in.event_id;
  auto text = [&](const char* field, const std::optional<std::string>& value, std::size_t max, bool required,
                  auto& out) {
    if (!value) {
      if (required) errors.add(field, "is required");
      return;
    }
    if (auto e = v::check_text(*value, max, required)) errors.add(field, *e);
    out = v::trim(*value);
  };
  text("name", in.name, 200, true, r.name);
  if (!in.email) errors.add("email", "is required");
  else if (auto e = v::check_email(v::trim(*in.email))) errors.add("email", *e);
  else r.email = v::trim(*in.email);
  if (in.phone && !v::trim(*in.phone).empty()) {
    if (auto e = v::check_phone(v::trim(*in.phone))) errors.add("phone", *e);
    r.phone = v::trim(*in.phone);
  }
  text("team_name", in.team_name, 200, false, r.team_name);
  text("members", in.members, 2000, false, r.members);
  if (r.team_name && r.team_name->empty()) r.team_name.reset();
  if (r.members && r.members->empty()) r.members.reset();
  if (in.amount) {
    if (auto e = v::check_amount(*in.amount)) errors.add("amount", *e);
    r.amount = *in.amount;
  }
  // An unshipped language is no error (the next choice applies); a malformed one is.
  if (in.locale && !locale::well_formed(*in.locale)) errors.add("locale", "must be a language tag like de or de-AT");
  return r;
}

// The event's per-email rule (docs/registration.md): a registration beyond the allowance is
// refused with when and under which reference the address registered first; one within a larger
// allowance is accepted and marked a duplicate of that first one. The earlier registration is
// read only on these paths: a first registration costs the one counting upsert.
void count_per_email(store::Connection& c, const Event& event, const std::string& key, Registration& row) {
  const auto count = store::registrations::count_registration(c, event.id, key, event.registrations_per_email);
  if (count && *count == 1) return;
  const auto first = store::registrations::first_with_email(c, event.id, key);
  if (count) {
    row.duplicate_of = first ? std::optional(first->id) : std::nullopt;
    return;
  }
  // The answer names a date and a number only: whoever types an address learns that it
  // registered, never who (docs/privacy.md, "Registering twice").
  Error refusal(ErrorCode::already_registered, "This email address already registered for this event",
                {{"email", "already registered for this event"}});
  if (first) refusal.detail("registered_at", format_iso8601(first->created_at)).detail("reference", first->id);
  throw refusal;
}
}  // namespace

Submitted submit_registration(Context& ctx, const RegistrationInput& in) {
  FieldErrors errors;
  Registration reg = validated(in, errors);
  std::optional<SniffedType> type;
  if (in.attachment) {
    if (in.attachment->bytes.size() > ctx.config.max_attachment_bytes)
      errors.add("attachment", "must be at most " + std::to_string(ctx.config.max_attachment_bytes / 1024 / 1024) + " MB");
    else if (!(type = sniff_attachment_type(in.attachment->bytes)))
      errors.add("attachment", "must be a PNG, JPEG, WebP or GIF image, or a PDF");
  }
  errors.throw_if_any();

  const Millis now = ctx.now();
  reg.created_at = now;
  reg.status = RegistrationStatus::pending;

  // The file is on disk before the row that points to it commits; removed again if the row fails.
  const std::string dir = ctx.config.data_dir + "/attachments";
  std::optional<std::string> file_name;
  if (type) file_name = save_attachment(dir, in.attachment->bytes, type->extension);
  // The client's name for it is shown to admins: cleaned and bounded, with the sniffed extension.
  std::optional<std::string> shown_name;
  if (type && in.attachment->original_name) shown_name = v::clean_file_name(*in.attachment->original_name, type->extension);

  // Events without approval issue the ticket at once, with a number taken before the transaction
  // (app/ticket_numbers.hpp). Whether the event needs one is remembered from its last registration,
  // so registrations for events with approval (most) pay no extra read; a wrong guess is one retry.
  struct NeedsNumber {};
  for (int attempt = 0;; ++attempt) {
    const bool ahead = TicketNumbers::reserves_ahead(ctx.db);
    const bool issues_now = ahead && (attempt > 0 || ctx.numbers.issues_at_registration(reg.event_id));
    NumberLease lease(ctx.numbers, reg.event_id, issues_now ? ctx.numbers.take(ctx.db, reg.event_id) : std::nullopt);
    Submitted out;
    bool requires_approval = true;
    try {
      ctx.db.write([&](store::Connection& c) {
        out = {};
        const auto event = store::events::find(c, reg.event_id);
        if (!event || !event->published)
          throw Error(ErrorCode::validation, "Unknown event", {{"event_id", "no open event has this id"}});
        if (event->sales_channel == "box_office")
          throw Error(ErrorCode::wrong_sales_channel, "Tickets for this event are sold at the box office only",
                      {{"event_id", "is sold at the box office only, not by registration"}});
        requires_approval = event->requires_approval;
        // Stored as used: every mail to this person is in it (from data already read: no query).
        reg.locale = locale::choose(std::nullopt, in.locale, in.accept_language, event->default_locale);
        if (ahead && !event->requires_approval && !issues_now) throw NeedsNumber{};
        if (event->ends_at && *event->ends_at < now) throw Error(ErrorCode::conflict, "Registration for this event has closed");
        // Early, friendly refusal only: the guarantee is the capacity check when numbers are reserved.
        if (store::events::is_full(c, event->id)) throw Error(ErrorCode::conflict, "The event is full");

        Registration row = reg;
        const std::string key = email_key(row.email);
        count_per_email(c, *event, key, row);
        row.id = store::registrations::insert(c, row, key);
        if (file_name)
          store::registrations::insert_attachment(
              c, {row.id, row.event_id, *file_name, shown_name, type->content_type,
                  static_cast<std::int64_t>(in.attachment->bytes.size())},
              now);
        AuditRecord rec{"registration.submit", "registration", std::to_string(row.id), row.event_id, {}};
        record_audit(c, Actor::anonymous(), rec, now);
        if (event->requires_approval)
          queue_mail(c, "registration_received", row.email, row.name, row.event_id, std::nullopt, {}, now, &*event, row.locale);
        if (!event->requires_approval) {
          // Nobody reviews these: one email gets at most max_tickets_per_email tickets.
          if (event->max_tickets_per_email &&
              !store::registrations::take_email_allowance(c, event->id, email_key(row.email), *event->max_tickets_per_email))
            throw Error(ErrorCode::duplicate_email, "This email address already has a ticket for this event",
                        {{"email", "already has " + std::to_string(*event->max_tickets_per_email) +
                                       " ticket(s) for this event"}});
          store::registrations::mark_approved(c, row.id, std::nullopt, now);
          row.status = RegistrationStatus::approved;
          row.decided_at = now;
          out.ticket = issue_ticket(ctx, c, row, Actor::system(), now, lease.number());
        }
        out.registration = row;
      });
    } catch (const NeedsNumber&) {
      ctx.numbers.remember_issues_at_registration(reg.event_id, true);
      continue;  // again, with a number; the attachment file stays for the retry's row
    } catch (const store::CommitOutcomeUnknown&) {
      // The row may have committed after all: keep the file. If it did not, housekeeping removes
      // it as an orphan later (app/housekeeping.cpp).
      lease.unknown();
      throw;
    } catch (...) {
      if (file_name) remove_attachment(dir, *file_name);
      throw;
    }
    if (out.ticket) lease.used();
    ctx.numbers.remember_issues_at_registration(reg.event_id, !requires_approval);
    return out;
  }
}

store::Page<RegistrationRow> list_registrations(Context& ctx, const store::registrations::Filter& f,
                                                const PageRequest& page) {
  if (f.search && !v::utf8_length(*f.search)) throw Error(ErrorCode::validation, "Bad search", {{"q", "must be UTF-8"}});
  if (f.search && !f.search->empty()) search::catch_up(ctx.db);  // finds what was registered a moment ago
  store::Page<RegistrationRow> out;
  ctx.db.read([&](store::Connection& c) {
    auto regs = store::registrations::list(c, f, page.limit, page.offset);
    out.total = regs.total;
    std::vector<Id> ids;
    for (const auto& r : regs.items) ids.push_back(r.id);
    auto attachments = store::registrations::attachments_of(c, ids);
    auto tickets = store::registrations::tickets_of(c, ids);
    std::vector<std::pair<Id, std::string>> keys;
    for (const auto& r : regs.items)
      if (!r.email.empty()) keys.emplace_back(r.event_id, email_key(r.email));
    const auto per_email = store::registrations::registrations_per_email(c, keys);
    for (auto& r : regs.items) {
      RegistrationRow row{std::move(r), {}, std::nullopt};
      if (const auto n = per_email.find({row.registration.event_id, email_key(row.registration.email)}); n != per_email.end())
        row.duplicate_count = std::max<std::int64_t>(n->second, 1);
      for (const auto& a : attachments)
        if (a.row.registration_id == row.registration.id) row.attachments.push_back(a);
      for (const auto& t : tickets)
        if (t.registration_id == row.registration.id) row.ticket = t;
      out.items.push_back(std::move(row));
    }
  });
  return out;
}

AttachmentFile read_attachment(Context& ctx, Id id) {
  std::optional<store::registrations::StoredAttachment> a;
  ctx.db.read_one([&](store::Connection& c) { a = store::registrations::find_attachment(c, id); });
  if (!a) throw Error(ErrorCode::not_found, "No attachment with id " + std::to_string(id));
  const auto dot = a->row.file_name.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : a->row.file_name.substr(dot);
  return {a->row.content_type, "registration-" + std::to_string(a->row.registration_id) + "-attachment-" +
                                   std::to_string(id) + ext,
          load_attachment(ctx.config.data_dir + "/attachments", a->row.file_name)};
}

namespace {
void write_approval(Context& ctx, const Principal& by, Id id, Millis now, const NumberLease& lease,
                    const PresignedCode* presigned, Approved& out) {
  ctx.db.write([&](store::Connection& c) {
    out = {};  // the backend may re-run this after a deadlock: report only what this run decided
    // The conditional write decides who approves; everybody else reads the outcome.
    if (const auto reg = store::registrations::approve_pending(c, id, by.user_id, now)) {
      AuditRecord rec{"registration.approve", "registration", std::to_string(id), reg->event_id, {}};
      record_audit(c, Actor::of(by), rec, now);
      // Pending when read above, so a number was taken: on PostgreSQL nullopt means the event looked
      // full, on SQLite that none was in hand. Without one, issue_ticket takes it in this transaction.
      out.ticket = issue_ticket(ctx, c, *reg, Actor::of(by), now, lease.number(), presigned);
      out.newly_issued = true;
      return;
    }
    const auto reg = store::registrations::find(c, id);
    if (!reg) throw Error(ErrorCode::not_found, "No registration with id " + std::to_string(id));
    if (reg->status == RegistrationStatus::declined)
      throw Error(ErrorCode::conflict, "This registration was declined; it cannot be approved");
    auto ticket = store::tickets::find_by_registration(c, id);
    if (!ticket) throw Error(ErrorCode::internal, "Approved registration has no ticket");
    out.ticket = *ticket;
  });
}
}  // namespace

Approved approve_registration(Context& ctx, const Principal& by, Id id) {
  // For a registration still pending, the ticket's number is taken before the write transaction
  // (app/ticket_numbers.hpp); the conditional write below still decides who approves, and a number
  // it does not use goes back. On SQLite the QR code is signed here too, off the one writer thread;
  // PostgreSQL signs in its transaction (they run in parallel; reading the key here would be one
  // more statement per approval).
  const bool reserves_ahead = TicketNumbers::reserves_ahead(ctx.db);
  std::optional<Registration> before;
  std::optional<SigningKey> key;
  ctx.db.read_one([&](store::Connection& c) {
    before = store::registrations::find(c, id);
    if (!reserves_ahead && before && before->status == RegistrationStatus::pending)
      key = ctx.keys.signing_key(c, before->event_id);
  });
  if (!before) throw Error(ErrorCode::not_found, "No registration with id " + std::to_string(id));
  const Id event_id = before->event_id;
  std::optional<std::int64_t> number;
  if (before->status == RegistrationStatus::pending)
    number = reserves_ahead ? ctx.numbers.take(ctx.db, event_id) : ctx.numbers.take_in_hand(event_id);
  NumberLease lease(ctx.numbers, event_id, number);
  const auto presigned = number && key ? std::optional(presign_code(*key, event_id, *number)) : std::nullopt;
  Approved out;
  const Millis now = ctx.now();
  try {
    write_approval(ctx, by, id, now, lease, presigned ? &*presigned : nullptr, out);
  } catch (const store::CommitOutcomeUnknown&) {
    lease.unknown();
    throw;
  }
  if (out.newly_issued) lease.used();
  if (!reserves_ahead && out.newly_issued && ctx.numbers.claim_refill(event_id)) ctx.numbers.refill(ctx.db, event_id);
  return out;
}


Registration decline_registration(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& reason) {
  if (reason)
    if (auto e = v::check_text(*reason, 500, false)) throw Error(ErrorCode::validation, "Bad reason", {{"reason", *e}});
  Registration out;
  const Millis now = ctx.now();
  ctx.db.write([&](store::Connection& c) {
    const bool changed = store::registrations::mark_declined(c, id, by.user_id, now, reason) == 1;
    const auto reg = store::registrations::find(c, id);
    if (!reg) throw Error(ErrorCode::not_found, "No registration with id " + std::to_string(id));
    if (!changed && reg->status == RegistrationStatus::approved)
      throw Error(ErrorCode::conflict,
                  "This registration is approved and has a ticket; void the ticket instead (POST /api/admin/tickets/{serial}/void)");
    if (changed) {
      // A declined registration no longer counts against its address: the person may try again.
      store::registrations::uncount_registration(c, reg->event_id, email_key(reg->email));
      AuditRecord rec{"registration.decline", "registration", std::to_string(id), reg->event_id, {}};
      if (reason) rec.details["reason"] = *reason;
      record_audit(c, Actor::of(by), rec, now);
      queue_mail(c, "registration_declined", reg->email, reg->name, reg->event_id, std::nullopt,
                 {{"reason", reason.value_or("")}}, now, nullptr, reg->locale);
    }
    out = *reg;
  });
  return out;
}

}  // namespace gatepass::app
