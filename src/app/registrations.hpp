#pragma once
#include "app/context.hpp"
#include "store/page.hpp"
#include "store/registrations_repo.hpp"

namespace gatepass::app {

struct Attachment {
  std::string bytes;
  std::optional<std::string> original_name;
};

struct RegistrationInput {
  std::optional<Id> event_id;
  std::optional<std::string> name;
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> team_name;
  std::optional<std::string> members;
  std::optional<std::string> amount;  // decimal text; the HTTP layer turns JSON numbers into text
  std::optional<Attachment> attachment;
  // The person's language (issue 24): the body's `locale`, else the Accept-Language header.
  std::optional<std::string> locale;
  std::optional<std::string> accept_language;
};

struct Submitted {
  Registration registration;
  std::optional<TicketView> ticket;  // issued at once when the event needs no approval
};
Submitted submit_registration(Context& ctx, const RegistrationInput& in);

// A page of registrations with the attachments (payment proofs) of each, for the admin list.
struct RegistrationRow {
  Registration registration;
  std::vector<store::registrations::StoredAttachment> attachments;
  std::optional<store::registrations::TicketSummary> ticket;  // once approved
  // Registrations of the event (not declined) with this address, this one included; 1: none other.
  std::int64_t duplicate_count = 1;
};
store::Page<RegistrationRow> list_registrations(Context& ctx, const store::registrations::Filter& f,
                                                const PageRequest& page);

// The bytes of an attachment with its (sniffed at upload) type. Throws not_found.
struct AttachmentFile {
  std::string content_type;
  std::string file_name;  // a name to offer for download
  std::string bytes;
};
AttachmentFile read_attachment(Context& ctx, Id id);

struct Approved {
  TicketView ticket;
  bool newly_issued = false;
};
// Idempotent: approving an approved registration returns its ticket. Declined -> 409.
Approved approve_registration(Context& ctx, const Principal& by, Id id);
Registration decline_registration(Context& ctx, const Principal& by, Id id, const std::optional<std::string>& reason);

}  // namespace gatepass::app
