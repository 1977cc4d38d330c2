#pragma once
// Queueing mail: called by use cases inside their write transaction, so a message exists exactly
// when the change that causes it was committed. Delivery is app/mail_sender's job.
#include <vector>

#include "app/audit_record.hpp"
#include "app/context.hpp"
#include "domain/box_office.hpp"
#include "domain/mail_format.hpp"
#include "store/outbox_repo.hpp"

namespace gatepass::app {

// A message with the event's name and text (vars get event_name, venue, starts_at, mail_text) in
// the recipient's language (issue 24): `locale` when the caller knows it (the registration's, the
// sale's, the account's), else the ticket's stored one, else the event's default_locale, else
// English. The event's texts are taken in that language, dates written as it writes them, and
// vars["locale"] tells the sender which templates to use.
// `event`: the event when the caller has already read it in this transaction (saves a query).
void queue_mail(store::Connection& c, const std::string& kind, const std::string& to_email,
                const std::string& to_name, std::optional<Id> event_id, std::optional<Id> ticket_id, mail::Vars vars,
                Millis now, const Event* event = nullptr, const std::optional<std::string>& locale = std::nullopt);
// A ticket mail (ticket_issued, ticket_sold, transfer_accepted) to the ticket's holder: with its
// code (the QR and the PDF are made from it at send time) and a new link to its ticket page.
void queue_ticket_mail(Context& ctx, store::Connection& c, const std::string& kind, const TicketView& t,
                       mail::Vars vars, Millis now, const Event* event = nullptr,
                       const std::optional<std::string>& locale = std::nullopt);

// Admin: the outbox as it stands.
store::Page<store::outbox::Message> list_outbox(Context& ctx, std::optional<store::outbox::Status> status,
                                                const PageRequest& page);
store::outbox::Counts outbox_counts(Context& ctx);
void retry_message(Context& ctx, const Principal& by, Id id);
// Mails the ticket again to its current holder (a new link; audited).
void resend_ticket(Context& ctx, const Principal& by, const std::string& serial);

// A stored message's variables (the inverse of what queue_mail stores; non-text values skipped).
mail::Vars vars_from_json(const std::string& vars_json);
// Admin: what a message says (subject and plain text), e.g. while mail is not set up. Links that
// are credentials (the ticket page, password reset, address verification) are left out: reading a
// message must not hand over a bearer link unaudited (a ticket link: POST /api/tickets/{serial}/links).
struct MessagePreview {
  store::outbox::Message message;
  std::string subject;
  std::string text;
};
MessagePreview preview_message(Context& ctx, Id id);
inline constexpr const char* kHiddenLink = "[link not shown in the preview]";

}  // namespace gatepass::app
