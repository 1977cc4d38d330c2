#pragma once
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::registrations {

// `email_key`: the address as compared for the per-email rule (app/registrations.cpp).
Id insert(Connection& c, const Registration& r, const std::string& email_key);
std::optional<Registration> find(Connection& c, Id id);

struct Filter {
  std::optional<RegistrationStatus> status;
  std::optional<Id> event_id;
  std::optional<std::string> search;  // name / email / team / serial (store/registration_search)
  // Cursor for walking a filter oldest first (bulk decisions): id > after_id, ascending.
  std::optional<Id> after_id;
  // Keyset cursor for the newest-first list: only ids below it (page N costs what page 1 costs).
  std::optional<Id> before_id;
};
Page<Registration> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset);

// Conditional transitions out of `pending`: the returned row count is the answer (1 = done).
std::int64_t mark_approved(Connection& c, Id id, std::optional<Id> by, Millis at);
// The same conditional write, answering the approved row (one statement instead of two); nullopt:
// it was not pending.
std::optional<Registration> approve_pending(Connection& c, Id id, std::optional<Id> by, Millis at);
std::int64_t mark_declined(Connection& c, Id id, Id by, Millis at, const std::optional<std::string>& reason);

struct AttachmentRow {
  Id registration_id = 0;
  Id event_id = 0;
  std::string file_name;
  std::optional<std::string> original_name;
  std::string content_type;
  std::int64_t size_bytes = 0;
};
Id insert_attachment(Connection& c, const AttachmentRow& a, Millis now);

struct StoredAttachment {
  Id id = 0;
  AttachmentRow row;
};
// Attachments of the given registrations (one query), for the admin list.
std::vector<StoredAttachment> attachments_of(Connection& c, const std::vector<Id>& registration_ids);
std::optional<StoredAttachment> find_attachment(Connection& c, Id id);
// Which of these file names a row still points to (housekeeping removes the other, orphaned files).
std::set<std::string> known_attachment_files(Connection& c, const std::vector<std::string>& file_names);

// The tickets of the given registrations (one query), for the admin list.
struct TicketSummary {
  Id registration_id = 0;
  std::string serial;
  TicketStatus status = TicketStatus::valid;
  std::optional<Millis> used_at;
};
std::vector<TicketSummary> tickets_of(Connection& c, const std::vector<Id>& registration_ids);

// Events without approval: counts one more ticket for (event, email) unless `limit` are taken
// already; false = refused. One conditional upsert, so racing registrations cannot both pass.
bool take_email_allowance(Connection& c, Id event_id, const std::string& email_key, std::int64_t limit);

// Counts one more registration of (event, address) unless `limit` (0: no limit) are counted
// already: the count including this one, or nullopt = refused. One conditional upsert, so racing
// registrations of one address cannot both pass. Declined registrations are not counted: a
// decline gives the place back (uncount_registration).
std::optional<std::int64_t> count_registration(Connection& c, Id event_id, const std::string& email_key,
                                               std::int64_t limit);
void uncount_registration(Connection& c, Id event_id, const std::string& email_key);
// The earliest registration of the address for the event that is not declined.
struct EarlierRegistration {
  Id id = 0;
  Millis created_at = 0;
};
std::optional<EarlierRegistration> first_with_email(Connection& c, Id event_id, const std::string& email_key);
// How many registrations (not declined) each (event, address) has, for the admin list (one query).
std::map<std::pair<Id, std::string>, std::int64_t> registrations_per_email(
    Connection& c, const std::vector<std::pair<Id, std::string>>& keys);

}  // namespace gatepass::store::registrations
