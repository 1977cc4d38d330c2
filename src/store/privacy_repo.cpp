#include "store/privacy_repo.hpp"

#include <algorithm>

#include "domain/validation.hpp"
#include "store/events_repo.hpp"
#include "store/in_chunks.hpp"

namespace gatepass::store::privacy {

namespace {
using personal_data::kErased;
const std::string kErasedText(kErased);

std::vector<Id> ids_of(const Result& r) {
  std::vector<Id> out;
  for (const auto& row : r.rows) out.push_back(row.integer(0));
  return out;
}
void add(std::vector<Id>& to, const std::vector<Id>& more) { to.insert(to.end(), more.begin(), more.end()); }
void tidy(std::vector<Id>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}
std::vector<Id> by_email(Connection& c, const std::string& sql, const std::string& email) {
  return email.empty() ? std::vector<Id>{} : ids_of(c.query(sql, {email}));
}
std::vector<Id> in(Connection& c, const std::string& before, const std::vector<Id>& ids) {
  return ids_of(exec_in_chunks(c, before, ids, Id{0}));
}
// Every text of the rows' columns, as identifiers of the person.
void identify(Connection& c, Person& p, const std::string& select_before_in, const std::vector<Id>& ids) {
  for (const auto& row : exec_in_chunks(c, select_before_in, ids, Id{0}).rows)
    for (std::size_t i = 0; i < row.values.size(); ++i)
      if (const auto text = row.opt_text(i)) p.identifiers.add(*text);
}

// What the outbox keeps of an erased recipient's message: kind, event, ticket, status and times.
// Unsent ones are failed, so nothing is ever sent to "" (a sender mid-attempt loses its conditional
// writes, which expect `sending`).
const std::string kRedactMail =
    "UPDATE outbox SET to_email = '', to_name = NULL, vars = '{}', "
    "last_error = CASE WHEN status = 'sent' THEN NULL ELSE 'recipient erased' END, "
    "status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'failed' END WHERE ";

void add_files(std::vector<std::string>& to, const Result& r) {
  for (const auto& row : r.rows) to.push_back(row.text(0));
}

// Rewrites the JSON text column `column` of the rows `select` returns (id, text) with `who` and
// `keys` taken out; returns the rows changed.
std::int64_t scrub_json_column(Connection& c, const std::string& table, const std::string& column, const Result& select,
                               const personal_data::Identifiers& who, const std::vector<std::string_view>& keys) {
  std::int64_t changed = 0;
  for (const auto& row : select.rows)
    if (const auto text = row.opt_text(1))
      if (auto scrubbed = personal_data::scrub_json(*text, who, keys)) {
        c.query("UPDATE " + table + " SET " + column + " = ? WHERE id = ?", {*scrubbed, row.integer(0)});
        ++changed;
      }
  return changed;
}

// The ids of `table` rows whose `columns` (text) mention one of the identifiers (a LIKE per
// identifier narrows; the caller's scrub decides).
std::vector<Id> mentioning(Connection& c, const std::string& table, const std::vector<std::string>& columns,
                           const personal_data::Identifiers& who) {
  std::vector<Id> out;
  for (const auto& id : who.folded()) {
    std::string where;
    std::vector<Value> params;
    for (const auto& col : columns) {
      where += where.empty() ? "" : " OR ";
      where += "lower(" + col + ") LIKE ? ESCAPE '\\'";
      params.emplace_back(like_pattern(id));
    }
    add(out, ids_of(c.exec("SELECT id FROM " + table + " WHERE " + where, params)));
  }
  tidy(out);
  return out;
}

// History labels ("Zoë <zoe@example.com>", a username), details and actors (their accounts' rows
// name "erased:<id>", as in the audit log) of the tickets' rows.
std::int64_t scrub_history(Connection& c, const std::vector<Id>& tickets, const std::vector<Id>& accounts,
                           const personal_data::Identifiers& who) {
  std::int64_t changed = 0;
  const auto rows = exec_in_chunks(
      c, "SELECT id, from_holder, to_holder, details, actor_id, actor FROM ticket_events WHERE ticket_id IN ", tickets, Id{0});
  for (const auto& row : rows.rows) {
    auto from = row.opt_text(1), to = row.opt_text(2);
    auto details = personal_data::scrub_json(row.text(3), who, {"reason", "override_reason", "notes"});
    const auto actor_id = row.opt_integer(4);
    const bool by_them = actor_id && std::binary_search(accounts.begin(), accounts.end(), *actor_id);
    const bool labels = (from && who.mentioned_in(*from)) || (to && who.mentioned_in(*to));
    if (!labels && !details && !by_them) continue;
    if (from) from = personal_data::scrub_text(*from, who);
    if (to) to = personal_data::scrub_text(*to, who);
    c.query("UPDATE ticket_events SET from_holder = ?, to_holder = ?, details = ?, actor = ? WHERE id = ?",
            {opt(from), opt(to), details.value_or(row.text(3)), by_them ? "erased:" + std::to_string(*actor_id) : row.text(5),
             row.integer(0)});
    ++changed;
  }
  return changed;
}

// The export's kinds of rows: which columns, from where, for which of the person's ids.
struct Kind {
  const char* name;
  const char* table;
  const char* columns;
  const char* id_column;
  std::vector<Id> Person::*ids;  // nullptr: the person's tickets (held and bought)
};
const std::vector<Kind> kKinds = {
    {"accounts", "users",
     "id, username, email, display_name, role, active, email_verified_at, totp_enabled_at, created_at, updated_at", "id",
     &Person::accounts},
    {"registrations", "registrations",
     "id, event_id, name, email, phone, team_name, members, amount, status, decline_reason, decided_at, created_at", "id",
     &Person::registrations},
    {"attachments", "attachments", "id, registration_id, event_id, original_name, content_type, size_bytes, created_at",
     "registration_id", &Person::registrations},
    {"tickets", "tickets",
     "id, event_id, serial, status, registration_id, ticket_type_id, holder_name, holder_email, holder_user_id, "
     "purchaser_name, purchaser_email, sale_id, price, code_id, issued_at, used_at, inside, inside_gate, voided_at, "
     "void_reason, claimed_at",
     "id", nullptr},
    {"ticket_history", "ticket_events",
     "id, ticket_id, event_id, action, actor_id, actor, at, from_holder, to_holder, old_code_id, new_code_id, details",
     "ticket_id",
     nullptr},
    {"scans", "scans", "id, event_id, ticket_id, type, result, gate, device_id, username, scanned_at, note", "ticket_id",
     &Person::held_tickets},
    {"offline_scans", "offline_scans",
     "id, event_id, ticket_id, device_id, gate, username, device_scanned_at, scanned_at, received_at, outcome, reason",
     "ticket_id", &Person::held_tickets},
    {"sales", "sales",
     "id, event_id, ticket_type_id, buyer_name, buyer_email, quantity, unit_price, total, currency, holder_user_id, sold_at",
     "id", &Person::sales},
    {"refunds", "refunds",
     "id, ticket_id, event_id, sale_id, status, reason, amount, requested_at, decided_at, notes, completed_at, "
     "refunded_amount",
     "id", &Person::refunds},
    {"transfers", "transfers",
     "id, ticket_id, event_id, from_user_id, to_user_id, to_email, status, notes, created_at, decided_at", "id",
     &Person::transfers},
    {"mail", "outbox",
     "id, kind, to_email, to_name, event_id, ticket_id, vars, status, attempts, last_error, created_at, sent_at", "id",
     &Person::mail},
    {"erase_requests", "privacy_requests", "id, user_id, status, requested_at, decided_at", "user_id", &Person::accounts},
};

std::vector<std::string> split_columns(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < list.size()) {
    auto end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    out.push_back(validation::trim(list.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}
}  // namespace

std::vector<Id> Person::tickets() const {
  std::vector<Id> out = held_tickets;
  add(out, bought_tickets);
  tidy(out);
  return out;
}

bool Person::empty() const {
  return accounts.empty() && registrations.empty() && held_tickets.empty() && bought_tickets.empty() && sales.empty() &&
         refunds.empty() && transfers.empty() && mail.empty();
}

Person find_person(Connection& c, const std::optional<std::string>& email, const std::vector<Id>& accounts) {
  Person p;
  if (email) p.email = personal_data::fold_ascii(validation::trim(*email));
  const auto& e = p.email;
  p.accounts = accounts;
  add(p.accounts, by_email(c, "SELECT id FROM users WHERE role = 'attendee' AND lower(email) = ?", e));
  tidy(p.accounts);
  p.registrations = by_email(c, "SELECT id FROM registrations WHERE lower(email) = ?", e);
  p.held_tickets = by_email(c, "SELECT id FROM tickets WHERE lower(holder_email) = ?", e);
  add(p.held_tickets, in(c, "SELECT id FROM tickets WHERE holder_user_id IN ", p.accounts));
  tidy(p.held_tickets);
  p.bought_tickets = by_email(c, "SELECT id FROM tickets WHERE lower(purchaser_email) = ?", e);
  tidy(p.bought_tickets);
  p.sales = by_email(c, "SELECT id FROM sales WHERE lower(buyer_email) = ?", e);
  add(p.sales, in(c, "SELECT id FROM sales WHERE holder_user_id IN ", p.accounts));
  tidy(p.sales);
  p.refunds = in(c, "SELECT id FROM refunds WHERE requested_by IN ", p.accounts);
  add(p.refunds, in(c, "SELECT id FROM refunds WHERE ticket_id IN ", p.held_tickets));
  tidy(p.refunds);
  p.transfers = by_email(c, "SELECT id FROM transfers WHERE lower(to_email) = ?", e);
  add(p.transfers, in(c, "SELECT id FROM transfers WHERE from_user_id IN ", p.accounts));
  add(p.transfers, in(c, "SELECT id FROM transfers WHERE to_user_id IN ", p.accounts));
  tidy(p.transfers);
  p.mail = by_email(c, "SELECT id FROM outbox WHERE lower(to_email) = ?", e);

  for (const auto& row : exec_in_chunks(c, "SELECT serial FROM tickets WHERE id IN ", p.tickets(), Id{0}).rows)
    p.serials.push_back(row.text(0));
  p.identifiers.add(e);
  identify(c, p, "SELECT username, display_name FROM users WHERE id IN ", p.accounts);
  identify(c, p, "SELECT name, phone FROM registrations WHERE id IN ", p.registrations);
  identify(c, p, "SELECT holder_name, holder_email FROM tickets WHERE id IN ", p.held_tickets);
  identify(c, p, "SELECT purchaser_name, purchaser_email FROM tickets WHERE id IN ", p.bought_tickets);
  identify(c, p, "SELECT buyer_name, buyer_email FROM sales WHERE id IN ", p.sales);
  return p;
}

namespace {
bool contains(const std::vector<Id>& sorted, Id id) { return std::binary_search(sorted.begin(), sorted.end(), id); }

// Rows shared with someone else (a ticket she bought and handed on, a transfer she offered, a
// history entry of another holder's doing) are hers, but the other person's fields in them are
// not: they go out as null. Staff names stay: who at the box office or gate handled her data.
void mask_others(Connection& c, Section& s, const Person& p) {
  auto column = [&](const char* name) {
    return static_cast<std::size_t>(std::find(s.columns.begin(), s.columns.end(), name) - s.columns.begin());
  };
  auto clear = [](Row& row, std::initializer_list<std::size_t> cols) {
    for (const auto i : cols) row.values.at(i) = nullptr;
  };
  for (auto& row : s.rows) {
    if (s.name == "tickets") {
      if (!contains(p.held_tickets, row.integer(0)))
        clear(row, {column("holder_name"), column("holder_email"), column("holder_user_id")});
      if (!contains(p.bought_tickets, row.integer(0))) clear(row, {column("purchaser_name"), column("purchaser_email")});
    } else if (s.name == "ticket_history") {
      for (const auto i : {column("from_holder"), column("to_holder")})
        if (const auto label = row.opt_text(i); label && !p.identifiers.mentioned_in(*label)) row.values[i] = nullptr;
      const auto actor = row.opt_integer(column("actor_id"));
      if (actor && !contains(p.accounts, *actor) &&
          !c.query("SELECT 1 FROM users WHERE id = ? AND role = 'attendee'", {*actor}).rows.empty())
        clear(row, {column("actor_id"), column("actor")});
    } else if (s.name == "transfers") {
      const auto i = column("to_email");
      if (const auto to = row.opt_text(i); to && personal_data::fold_ascii(*to) != p.email) row.values[i] = nullptr;
    }
  }
}
}  // namespace

std::vector<Section> export_person(Connection& c, const Person& p) {
  std::vector<Section> out;
  const auto tickets = p.tickets();
  for (const auto& k : kKinds) {
    Section s{k.name, split_columns(k.columns), {}};
    const auto& ids = k.ids ? p.*(k.ids) : tickets;
    s.rows = exec_in_chunks(c, std::string("SELECT ") + k.columns + " FROM " + k.table + " WHERE " + k.id_column + " IN ",
                            ids, Id{0}, {}, " ORDER BY id")
                 .rows;
    std::sort(s.rows.begin(), s.rows.end(), [](const Row& a, const Row& b) { return a.integer(0) < b.integer(0); });
    mask_others(c, s, p);
    out.push_back(std::move(s));
  }
  return out;
}

Erased erase_person(Connection& c, const Person& p, Millis now) {
  Erased n;
  const auto& who = p.identifiers;
  n.registrations = exec_in_chunks(c,
                                   "UPDATE registrations SET name = ?, email = '', email_key = NULL, phone = NULL, team_name = NULL, "
                                   "members = NULL, decline_reason = NULL WHERE id IN ",
                                   p.registrations, Id{0}, {kErasedText})
                        .affected;
  add_files(n.attachment_files, exec_in_chunks(c, "SELECT file_name FROM attachments WHERE registration_id IN ", p.registrations, Id{0}));
  n.attachments = exec_in_chunks(c, "DELETE FROM attachments WHERE registration_id IN ", p.registrations, Id{0}).affected;

  // Holder and purchaser are erased apart: a ticket bought by them and handed on keeps its holder.
  exec_in_chunks(c,
                 "UPDATE tickets SET holder_name = CASE WHEN holder_name IS NULL THEN NULL ELSE ? END, "
                 "holder_email = CASE WHEN holder_email IS NULL THEN NULL ELSE '' END, "
                 "void_reason = CASE WHEN void_reason IS NULL THEN NULL ELSE ? END WHERE id IN ",
                 p.held_tickets, Id{0}, {kErasedText, kErasedText});
  exec_in_chunks(c,
                 "UPDATE tickets SET purchaser_name = CASE WHEN purchaser_name IS NULL THEN NULL ELSE ? END, "
                 "purchaser_email = CASE WHEN purchaser_email IS NULL THEN NULL ELSE '' END WHERE id IN ",
                 p.bought_tickets, Id{0}, {kErasedText});
  const auto tickets = p.tickets();
  n.tickets = static_cast<std::int64_t>(tickets.size());
  n.ticket_history = scrub_history(c, tickets, p.accounts, who);
  n.scans = exec_in_chunks(c, "UPDATE scans SET note = NULL WHERE note IS NOT NULL AND ticket_id IN ", p.held_tickets, Id{0})
                .affected;

  n.sales = exec_in_chunks(c, "UPDATE sales SET buyer_name = ?, buyer_email = '' WHERE id IN ", p.sales, Id{0}, {kErasedText})
                .affected;
  n.refunds = exec_in_chunks(c, "UPDATE refunds SET reason = ?, notes = NULL WHERE id IN ", p.refunds, Id{0}, {kErasedText})
                  .affected;
  // Their own address as a recipient goes; an offer they made keeps its recipient's.
  n.transfers = exec_in_chunks(c,
                               "UPDATE transfers SET notes = NULL, to_email = CASE WHEN lower(to_email) = ? THEN NULL "
                               "ELSE to_email END WHERE id IN ",
                               p.transfers, Id{0}, {p.email})
                    .affected;
  if (!p.email.empty()) {
    c.query("DELETE FROM email_allowances WHERE email_key = ?", {p.email});
    c.query("DELETE FROM registration_emails WHERE email_key = ?", {p.email});
  }

  n.mail = exec_in_chunks(c, kRedactMail + "id IN ", p.mail, Id{0}).affected;
  // Other people's mail that names them (a transfer's sender, a claim's holder).
  const auto others = mentioning(c, "outbox", {"vars", "COALESCE(to_name, '')"}, who);
  for (const auto& row : exec_in_chunks(c, "SELECT id, vars, to_name FROM outbox WHERE id IN ", others, Id{0}).rows) {
    const auto vars = personal_data::scrub_json(row.text(1), who);
    const auto name = row.opt_text(2);
    if (!vars && !(name && who.mentioned_in(*name))) continue;
    c.query("UPDATE outbox SET vars = ?, to_name = ? WHERE id = ?",
            {vars.value_or(row.text(1)), name && who.mentioned_in(*name) ? Value{nullptr} : opt(name), row.integer(0)});
    ++n.mail;
  }

  // The account stays (its tickets, refunds and transfers point to it) with nothing of the person:
  // no name, no address, no password, no second factor, no session, no pending token.
  n.accounts = exec_in_chunks(c,
                              "UPDATE users SET username = 'erased:' || id, email = NULL, display_name = NULL, "
                              "password_hash = '!erased', active = 0, token_version = token_version + 1, "
                              "totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, updated_at = ? "
                              "WHERE id IN ",
                              p.accounts, Id{0}, {now})
                   .affected;
  exec_in_chunks(c, "DELETE FROM account_tokens WHERE user_id IN ", p.accounts, Id{0});
  if (!p.email.empty()) c.query("DELETE FROM account_tokens WHERE lower(email) = ?", {p.email});
  exec_in_chunks(c, "DELETE FROM recovery_codes WHERE user_id IN ", p.accounts, Id{0});

  for (const auto id : mentioning(c, "jobs", {"params", "result", "COALESCE(error, '')"}, who)) {
    const auto row = c.query("SELECT params, result, error FROM jobs WHERE id = ?", {id}).rows.at(0);
    const auto params = personal_data::scrub_json(row.text(0), who);
    const auto result = personal_data::scrub_json(row.text(1), who);
    const auto error = row.opt_text(2);
    const bool error_named = error && who.mentioned_in(*error);
    if (!params && !result && !error_named) continue;
    c.query("UPDATE jobs SET params = ?, result = ?, error = ? WHERE id = ?",
            {params.value_or(row.text(0)), result.value_or(row.text(1)),
             error_named ? Value{kErasedText} : opt(error), id});
    ++n.jobs;
  }

  return n;
}

audit::PersonalData audit_subject(const Person& p) {
  audit::PersonalData who;
  who.identifiers = p.identifiers;
  for (const auto id : p.registrations) who.entities.emplace_back("registration", std::to_string(id));
  for (const auto& serial : p.serials) who.entities.emplace_back("ticket", serial);
  for (const auto id : p.accounts) who.entities.emplace_back("user", std::to_string(id));
  for (const auto id : p.refunds) who.entities.emplace_back("refund", std::to_string(id));
  for (const auto id : p.transfers) who.entities.emplace_back("transfer", std::to_string(id));
  for (const auto id : p.mail) who.entities.emplace_back("mail", std::to_string(id));
  who.actors = p.accounts;
  return who;
}

Erased erase_event(Connection& c, Id event_id) {
  Erased n;
  const Value e{event_id};
  n.registrations = c.query("UPDATE registrations SET name = ?, email = '', email_key = NULL, phone = NULL, team_name = NULL, "
                            "members = NULL, decline_reason = NULL WHERE event_id = ?",
                            {kErasedText, e})
                        .affected;
  add_files(n.attachment_files, c.query("SELECT file_name FROM attachments WHERE event_id = ?", {e}));
  n.attachments = c.query("DELETE FROM attachments WHERE event_id = ?", {e}).affected;
  n.tickets = c.query("UPDATE tickets SET holder_name = CASE WHEN holder_name IS NULL THEN NULL ELSE ? END, "
                      "holder_email = CASE WHEN holder_email IS NULL THEN NULL ELSE '' END, "
                      "purchaser_name = CASE WHEN purchaser_name IS NULL THEN NULL ELSE ? END, "
                      "purchaser_email = CASE WHEN purchaser_email IS NULL THEN NULL ELSE '' END, "
                      "void_reason = CASE WHEN void_reason IS NULL THEN NULL ELSE ? END "
                      "WHERE event_id = ? AND (holder_name IS NOT NULL OR purchaser_name IS NOT NULL)",
                      {kErasedText, kErasedText, kErasedText, e})
                  .affected;
  n.ticket_history = c.query("UPDATE ticket_events SET from_holder = CASE WHEN from_holder IS NULL THEN NULL ELSE ? END, "
                             "to_holder = CASE WHEN to_holder IS NULL THEN NULL ELSE ? END "
                             "WHERE event_id = ? AND (from_holder IS NOT NULL OR to_holder IS NOT NULL)",
                             {kErasedText, kErasedText, e})
                         .affected;
  n.ticket_history += scrub_json_column(c, "ticket_events", "details",
                                        c.query("SELECT id, details FROM ticket_events WHERE event_id = ? AND details <> '{}'", {e}),
                                        {}, {"reason", "override_reason", "notes"});
  n.scans = c.query("UPDATE scans SET note = NULL WHERE event_id = ? AND note IS NOT NULL", {e}).affected;
  n.sales = c.query("UPDATE sales SET buyer_name = ?, buyer_email = '' WHERE event_id = ?", {kErasedText, e}).affected;
  n.refunds = c.query("UPDATE refunds SET reason = ?, notes = NULL WHERE event_id = ?", {kErasedText, e}).affected;
  n.transfers = c.query("UPDATE transfers SET to_email = NULL, notes = NULL WHERE event_id = ?", {e}).affected;
  c.query("DELETE FROM email_allowances WHERE event_id = ?", {e});
  c.query("DELETE FROM registration_emails WHERE event_id = ?", {e});
  n.mail = c.exec(kRedactMail + "event_id = ?", std::vector<Value>{e}).affected;
  return n;
}

std::vector<Event> events_due(Connection& c, Millis now) {
  std::vector<Event> out;
  for (const auto id : ids_of(c.query("SELECT id FROM events WHERE personal_data_retention_days IS NOT NULL AND "
                                      "personal_data_erased_at IS NULL",
                                      {})))
    if (auto e = events::find(c, id)) {
      const auto due = personal_data::retention_due_at(*e);
      if (due && *due <= now) out.push_back(std::move(*e));
    }
  return out;
}

std::int64_t mark_event_erased(Connection& c, Id event_id, Millis now) {
  return c.query("UPDATE events SET personal_data_erased_at = ? WHERE id = ? AND personal_data_erased_at IS NULL",
                 {now, event_id})
      .affected;
}

}  // namespace gatepass::store::privacy
