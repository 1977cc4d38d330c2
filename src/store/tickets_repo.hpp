#pragma once
#include <optional>
#include <vector>

#include "domain/model.hpp"
#include "domain/gate_scan.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::tickets {

// A ticket issued by approving a registration (status valid, holder from the registration).
Id insert(Connection& c, const Ticket& t, Id key_id, std::optional<Id> issued_by, const std::string& holder_name,
          const std::string& holder_email);

// One row of a generated batch (status created; no holder until sold).
struct GeneratedRow {
  std::int64_t number = 0;
  std::string serial;
  std::string qr_payload;
};
struct BatchInfo {
  Id event_id = 0;
  Id ticket_type_id = 0;
  Id batch_id = 0;
  Id key_id = 0;
  std::string price;
  Millis issued_at = 0;
  std::optional<Id> issued_by;
};
// Many rows per statement: bulk generation's one hot loop.
void insert_generated(Connection& c, const BatchInfo& batch, const std::vector<GeneratedRow>& rows);

std::optional<TicketView> find_by_serial(Connection& c, const std::string& serial);
std::optional<TicketView> find_by_number(Connection& c, Id event_id, std::int64_t number);
std::optional<TicketView> find_by_registration(Connection& c, Id registration_id);
// The language stored for the ticket's person (issue 24): its holder account's, else its sale's,
// else its registration's; nullopt: none stored (the event's default applies).
std::optional<std::string> stored_locale(Connection& c, Id ticket_id);
std::optional<TicketView> find_by_id(Connection& c, Id id);

struct Filter {
  Id event_id = 0;
  std::optional<TicketStatus> status;
  std::optional<Id> ticket_type_id;
  std::optional<std::string> search;         // holder's or buyer's name or address (store/text_search.hpp)
  std::optional<std::string> search_serial;  // the search read as a serial of this event, if it can be one
  bool search_is_serial = false;             // the search can only mean that serial: names are not searched
  std::optional<Id> sale_id;                 // the tickets one sale sold (hand-over from the Sales screen)
};
Page<TicketView> list(Connection& c, const Filter& f, std::int64_t limit, std::int64_t offset);
std::vector<TicketView> held_by(Connection& c, Id user_id);

// The codes of a batch, in number order, a page at a time (CSV export, sheets).
struct BatchCode {
  std::string serial;
  std::string payload;
  Id ticket_id = 0;
  std::int64_t code_id = 1;
  bool held = false;  // an account holds it: no claim code is printed
};
std::vector<BatchCode> batch_codes(Connection& c, Id batch_id, std::int64_t after_number, std::int64_t limit);

// The conditional writes. Each returns the rows changed: 1 = done now, 0 = the ticket's status
// does not allow it (see domain/ticket_state), so the caller reports the status as it is now.
// An entry or exit scan (domain/gate_scan): 1 = moved now, 0 = the ticket's position does not
// allow it (the caller reads it again to say why). An entry keeps the FIRST admission's used_at.
// With `code_id`: only while the ticket still has that code (read before the transaction: a
// transfer in between replaced it, and the scanned code must not move the ticket).
std::int64_t move_through_gate(Connection& c, Id ticket_id, gate_scan::ScanType type, bool reentry, Millis at, std::optional<Id> by,
                               const std::optional<std::string>& gate, std::optional<std::int64_t> code_id = std::nullopt);
// Undo of an admission (docs/devices.md §5): back to valid, not inside, used_at cleared; only if
// the ticket is still used with the same inside flag and was not admitted again after scan
// `admission_scan_id` (0: the ticket has no admission scan). 1 = undone now, 0 = it moved meanwhile.
std::int64_t undo_admission(Connection& c, Id ticket_id, bool inside, Id admission_scan_id);
// Holders of the event's sold tickets whose name or team contains `needle` (any case), by name;
// what the gate's name search shows (no contact details).
struct Attendee {
  std::string name;
  std::optional<std::string> team;
  std::string serial;
  TicketStatus status = TicketStatus::valid;
  bool inside = false;
};
std::vector<Attendee> search_attendees(Connection& c, Id event_id, const std::string& needle, std::int64_t limit);
std::int64_t mark_void(Connection& c, Id ticket_id, Millis at, Id by, const std::string& reason);
struct Holder {
  std::string name;
  std::string email;
  std::optional<Id> user_id;
};
std::int64_t mark_sold(Connection& c, Id ticket_id, const Holder& h, Id sale_id, const std::string& price);
std::int64_t mark_refunded(Connection& c, Id ticket_id);
// Claim: only an unheld ticket in a claimable state that still has `code_id` (the claim was
// checked against that code; a transfer committed meanwhile replaced it); the account becomes its
// holder. The purchaser (who bought or registered) is never changed. `claimed_at` starts the
// transfer cooling-off.
std::int64_t set_holder_if_unheld(Connection& c, Id ticket_id, std::int64_t code_id, const Holder& h,
                                  std::optional<Millis> claimed_at);
// A verified holder address: the unheld tickets bought with it become the account's.
std::int64_t attach_bought_with(Connection& c, Id user_id, const std::string& email);
std::vector<TicketView> unheld_bought_with(Connection& c, const std::string& email);
// Re-issue: a new code for the same holder, only if the ticket still has `old_code_id`.
std::int64_t replace_code(Connection& c, Id ticket_id, std::int64_t old_code_id, const std::string& new_payload);
std::int64_t lift_cooling_off(Connection& c, Id ticket_id);
// Transfer: new holder and new code, only if the ticket still has `old_code_id`.
std::int64_t replace_holder_and_code(Connection& c, Id ticket_id, std::int64_t old_code_id, const Holder& h,
                                     const std::string& new_payload);

// PostgreSQL: holds the ticket's row until the transaction ends, so the holder's requests that
// read other tables before they write (a refund request, a transfer offer, its acceptance) run one
// at a time per ticket, each reading what the one before it committed. Without it two of them
// could each read "nothing pending" and both write (tests/store/holder_request_race_test.cpp).
// SQLite: nothing to do, its writes run one at a time.
void lock_for_change(Connection& c, const std::string& serial);
void lock_for_change(Connection& c, Id ticket_id);

// Up to `quantity` unsold tickets of a type, locked for this transaction (PostgreSQL: SKIP
// LOCKED, so racing sales take different tickets; SQLite writes are serial anyway).
std::vector<Id> pick_unsold(Connection& c, Id ticket_type_id, std::int64_t quantity);

}  // namespace gatepass::store::tickets
