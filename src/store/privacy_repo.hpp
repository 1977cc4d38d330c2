#pragma once
// A person's data across every table (docs/privacy.md): which rows are theirs, those rows as they
// are stored (the export), and the writes that erase the personal values in them while serials,
// states, counts, times and money stay. The audit log is not written here: its erasure is
// store::audit::personal_data_rewrites (through the chain's redaction), given what audit_subject() describes (app/privacy calls it).
#include <optional>
#include <string>
#include <vector>

#include "domain/model.hpp"
#include "domain/personal_data.hpp"
#include "store/audit_repo.hpp"
#include "store/db.hpp"

namespace gatepass::store::privacy {

// The rows that are one person's, by address and/or holder account. Ids are sorted and distinct.
struct Person {
  std::string email;               // trimmed, ASCII lower case; empty: found by account only
  std::vector<Id> accounts;        // holder (attendee) accounts
  std::vector<Id> registrations;
  std::vector<Id> held_tickets;    // the holder fields are theirs (by address or account)
  std::vector<Id> bought_tickets;  // the purchaser fields are theirs (registered or bought)
  std::vector<Id> sales;           // as buyer, or sold to their account
  std::vector<Id> refunds;         // asked for by them, or of a ticket they hold
  std::vector<Id> transfers;       // from or to them
  std::vector<Id> mail;            // sent (or to be sent) to their address
  std::vector<std::string> serials;  // of held and bought tickets
  personal_data::Identifiers identifiers;  // their address, names, phone, usernames

  std::vector<Id> tickets() const;  // held and bought
  bool empty() const;
};
// `email` (nullopt: none) matches every table's address column without ASCII case; `accounts`
// are holder accounts that are theirs whatever their address.
Person find_person(Connection& c, const std::optional<std::string>& email, const std::vector<Id>& accounts);

// One kind of row, as stored (secrets and credentials left out: password hashes, QR codes, the
// tokens in mailed links).
struct Section {
  std::string name;  // accounts, registrations, attachments, tickets, ticket_history, ...
  std::vector<std::string> columns;
  std::vector<Row> rows;
};
std::vector<Section> export_person(Connection& c, const Person& p);

// The person as the audit log's erasure needs them: what mentions them, and the rows about them.
audit::PersonalData audit_subject(const Person& p);

// What an erasure changed, per kind of row (audit_entries: filled in by whoever erases the log).
struct Erased {
  std::int64_t accounts = 0, registrations = 0, attachments = 0, tickets = 0, ticket_history = 0, scans = 0,
               sales = 0, refunds = 0, transfers = 0, mail = 0, audit_entries = 0, jobs = 0;
  // Attachment files whose rows were deleted: the caller removes them once the transaction commits.
  std::vector<std::string> attachment_files;
};
Erased erase_person(Connection& c, const Person& p, Millis now);
// Retention: every registration, ticket and scan of the event, and what hangs on them (sales,
// refunds, transfers, mail, history; the audit details: audit::PersonalData{.event_id}). Holder
// accounts are people, not event data: they stay.
Erased erase_event(Connection& c, Id event_id);

// Events with a retention whose date has come and whose data is not erased yet.
std::vector<Event> events_due(Connection& c, Millis now);
// Claims the event's erasure: 1 = this caller erases it now (in its transaction), 0 = done already.
std::int64_t mark_event_erased(Connection& c, Id event_id, Millis now);

}  // namespace gatepass::store::privacy
