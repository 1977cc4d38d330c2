#include "store/events_repo.hpp"

#include <algorithm>

#include "store/locale_texts_column.hpp"

namespace gatepass::store::events {

namespace {
const std::string kColumns =
    "id, name, slug, venue, starts_at, ends_at, capacity, serial_prefix, requires_approval, published, created_at, "
    "max_tickets_per_email, currency, mail_text, reentry, refunds_until, gate_lookup, personal_data_retention_days, "
    "personal_data_erased_at, description, sales_channel, registrations_per_email, default_locale, name_i18n, "
    "description_i18n, mail_text_i18n, time_zone";

Event from_row(const Row& r) {
  Event e;
  e.id = r.integer(0);
  e.name = r.text(1);
  e.slug = r.text(2);
  e.venue = r.opt_text(3);
  e.starts_at = r.opt_integer(4);
  e.ends_at = r.opt_integer(5);
  e.capacity = r.opt_integer(6);
  e.serial_prefix = r.text(7);
  e.requires_approval = r.integer(8) != 0;
  e.published = r.integer(9) != 0;
  e.created_at = r.integer(10);
  e.max_tickets_per_email = r.opt_integer(11);
  e.currency = r.text(12);
  e.mail_text = r.opt_text(13);
  e.reentry = r.integer(14) != 0;
  e.refunds_until = r.opt_integer(15);
  e.gate_lookup = r.text(16);
  e.personal_data_retention_days = r.opt_integer(17);
  e.personal_data_erased_at = r.opt_integer(18);
  e.description = r.opt_text(19);
  e.sales_channel = r.text(20);
  e.registrations_per_email = r.integer(21);
  e.default_locale = r.text(22);
  e.name_i18n = texts_from_column(r.text(23));
  e.description_i18n = texts_from_column(r.text(24));
  e.mail_text_i18n = texts_from_column(r.text(25));
  e.time_zone = r.text(26);
  return e;
}

Value flag(bool b) { return std::int64_t{b ? 1 : 0}; }

SigningKey key_from_row(const Row& r) { return {r.integer(0), r.integer(1), r.text(2), r.text(3)}; }
}  // namespace

Id insert(Connection& c, const Event& e, Millis now) {
  auto r = c.query(
      "INSERT INTO events (name, slug, venue, starts_at, ends_at, capacity, serial_prefix, requires_approval, "
      "published, max_tickets_per_email, currency, mail_text, reentry, refunds_until, gate_lookup, "
      "personal_data_retention_days, description, sales_channel, registrations_per_email, default_locale, name_i18n, "
      "description_i18n, mail_text_i18n, time_zone, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.name, e.slug, opt(e.venue), opt(e.starts_at), opt(e.ends_at), opt(e.capacity), e.serial_prefix,
       flag(e.requires_approval), flag(e.published), opt(e.max_tickets_per_email), e.currency, opt(e.mail_text),
       flag(e.reentry), opt(e.refunds_until), e.gate_lookup, opt(e.personal_data_retention_days), opt(e.description),
       e.sales_channel, e.registrations_per_email, e.default_locale, texts_to_column(e.name_i18n),
       texts_to_column(e.description_i18n), texts_to_column(e.mail_text_i18n), e.time_zone, now, now});
  return r.rows.at(0).integer(0);
}

void update(Connection& c, const Event& e, Millis now) {
  c.query(
      "UPDATE events SET name = ?, slug = ?, venue = ?, starts_at = ?, ends_at = ?, capacity = ?, serial_prefix = ?, "
      "requires_approval = ?, published = ?, max_tickets_per_email = ?, currency = ?, mail_text = ?, reentry = ?, refunds_until = ?, gate_lookup = ?, "
      "personal_data_retention_days = ?, description = ?, sales_channel = ?, registrations_per_email = ?, default_locale = ?, "
      "name_i18n = ?, description_i18n = ?, mail_text_i18n = ?, time_zone = ?, updated_at = ? "
      "WHERE id = ?",
      {e.name, e.slug, opt(e.venue), opt(e.starts_at), opt(e.ends_at), opt(e.capacity), e.serial_prefix,
       flag(e.requires_approval), flag(e.published), opt(e.max_tickets_per_email), e.currency, opt(e.mail_text),
       flag(e.reentry), opt(e.refunds_until), e.gate_lookup, opt(e.personal_data_retention_days), opt(e.description),
       e.sales_channel, e.registrations_per_email, e.default_locale, texts_to_column(e.name_i18n),
       texts_to_column(e.description_i18n), texts_to_column(e.mail_text_i18n), e.time_zone, now, e.id});
}

std::optional<Event> find(Connection& c, Id id) {
  static const std::string sql = "SELECT " + kColumns + " FROM events WHERE id = ?";  // every registration and approval
  auto r = c.query(sql, {id});
  if (r.rows.empty()) return std::nullopt;
  return from_row(r.rows[0]);
}

Page<Event> list(Connection& c, bool published_only, std::int64_t limit, std::int64_t offset) {
  const std::string where = published_only ? " WHERE published = 1" : "";
  Page<Event> page;
  for (auto& row : c.query("SELECT " + kColumns + " FROM events" + where +
                               " ORDER BY COALESCE(starts_at, created_at), id LIMIT ? OFFSET ?",
                           {limit, offset})
                       .rows)
    page.items.push_back(from_row(row));
  page.total = c.query("SELECT COUNT(*) FROM events" + where, {}).rows.at(0).integer(0);
  return page;
}

bool prefix_taken(Connection& c, const std::string& prefix, Id except_event) {
  return !c.query("SELECT 1 FROM events WHERE serial_prefix = ? AND id <> ?", {prefix, except_event}).rows.empty();
}

bool slug_taken(Connection& c, const std::string& slug, Id except_event) {
  return !c.query("SELECT 1 FROM events WHERE slug = ? AND id <> ?", {slug, except_event}).rows.empty();
}

std::optional<std::int64_t> next_ticket_number(Connection& c, Id event_id) {
  auto r = c.query(
      "UPDATE events SET ticket_seq = ticket_seq + 1 WHERE id = ? AND (capacity IS NULL OR ticket_seq < capacity) "
      "RETURNING ticket_seq",
      {event_id});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0].integer(0);
}

std::optional<NumberBlock> reserve_number_block(Connection& c, Id event_id, std::int64_t max_block, std::int64_t divisor,
                                                std::int64_t min_remaining) {
  // Read, then compare-and-set: on PostgreSQL a concurrent reservation makes the UPDATE match no
  // row (it re-reads the row after the other commits) and the loop reads again.
  for (;;) {
    auto r = c.query("SELECT ticket_seq, capacity FROM events WHERE id = ?", {event_id});
    if (r.rows.empty()) return std::nullopt;
    const auto seq = r.rows[0].integer(0);
    const auto capacity = r.rows[0].opt_integer(1);
    std::int64_t count = max_block;
    if (capacity) {
      if (*capacity - seq < std::max<std::int64_t>(1, min_remaining)) return std::nullopt;
      count = std::clamp<std::int64_t>((*capacity - seq) / divisor, 1, max_block);
    }
    if (c.query("UPDATE events SET ticket_seq = ? WHERE id = ? AND ticket_seq = ?", {seq + count, event_id, seq}).affected == 1)
      return NumberBlock{seq + 1, seq + count};
  }
}

bool return_numbers(Connection& c, Id event_id, std::int64_t top, std::int64_t count) {
  return c.query("UPDATE events SET ticket_seq = ? WHERE id = ? AND ticket_seq = ?", {top - count, event_id, top}).affected == 1;
}

std::optional<std::int64_t> reserve_ticket_numbers(Connection& c, Id event_id, std::int64_t count) {
  auto r = c.query(
      "UPDATE events SET ticket_seq = ticket_seq + ? WHERE id = ? AND (capacity IS NULL OR ticket_seq + ? <= capacity) "
      "RETURNING ticket_seq",
      {count, event_id, count});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0].integer(0) - count + 1;
}

bool is_full(Connection& c, Id event_id) {
  return !c.query("SELECT 1 FROM events WHERE id = ? AND capacity IS NOT NULL AND ticket_seq >= capacity", {event_id})
              .rows.empty();
}

std::optional<std::string> sales_channel(Connection& c, Id event_id) {
  auto r = c.query("SELECT sales_channel FROM events WHERE id = ?", {event_id});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0].text(0);
}

Id insert_key(Connection& c, Id event_id, const std::string& public_hex, const std::string& box_hex, Millis now) {
  auto r = c.query(
      "INSERT INTO event_keys (event_id, public_key, secret_box, active, created_at) VALUES (?, ?, ?, 1, ?) "
      "RETURNING id",
      {event_id, public_hex, box_hex, now});
  return r.rows.at(0).integer(0);
}

std::optional<Id> active_key_id(Connection& c, Id event_id) {
  auto r = c.query("SELECT id FROM event_keys WHERE event_id = ? AND active = 1 ORDER BY id DESC LIMIT 1", {event_id});
  if (r.rows.empty()) return std::nullopt;
  return r.rows[0].integer(0);
}

std::optional<SigningKey> find_key(Connection& c, Id key_id) {
  auto r = c.query("SELECT id, event_id, public_key, secret_box FROM event_keys WHERE id = ?", {key_id});
  if (r.rows.empty()) return std::nullopt;
  return key_from_row(r.rows[0]);
}

}  // namespace gatepass::store::events
