#include "http/privacy_json.hpp"

#include <boost/json/parse.hpp>

#include "domain/time.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {

namespace json = boost::json;

namespace {
// The sections export_person returns, in its order, with what each holds (the schema lists them:
// a new one fails the API tests until it is described here).
const std::pair<const char*, const char*> kSections[] = {
    {"accounts", "Holder accounts with this address"},
    {"registrations", "Registrations with this address"},
    {"attachments", "Files uploaded with those registrations (listed, not included)"},
    {"tickets", "Tickets they hold, registered for or bought"},
    {"ticket_history", "Every change of those tickets"},
    {"scans", "Gate scans of the tickets they hold"},
    {"offline_scans", "Offline gate uploads of the tickets they hold"},
    {"sales", "Box-office sales to them"},
    {"refunds", "Refund requests of theirs or of their tickets"},
    {"transfers", "Transfers from or to them"},
    {"mail", "Mail sent or queued to this address (links and codes left out)"},
    {"erase_requests", "Their requests to be erased"},
};

bool is_secret_var(std::string_view key) { return key == "qr_payload" || key.ends_with("_url"); }

json::value cell(const std::string& column, const store::Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) return nullptr;
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    if (column.ends_with("_at") || column == "at") return json::string(format_iso8601(*i));
    return *i;
  }
  if (const auto* d = std::get_if<double>(&v)) return *d;
  const auto& text = std::get<std::string>(v);
  if (column == "details" || column == "vars") {
    std::error_code ec;
    auto parsed = json::parse(text, ec);
    if (ec || !parsed.is_object()) return json::object{};
    if (column == "vars")
      for (auto it = parsed.as_object().begin(); it != parsed.as_object().end();)
        it = is_secret_var(it->key()) ? parsed.as_object().erase(it) : std::next(it);
    return parsed;
  }
  return json::string(text);
}
}  // namespace

json::object to_json(const app::privacy::Export& e) {
  json::object out{{"email", e.email}, {"subject", e.subject}, {"generated_at", format_iso8601(e.generated_at)}};
  for (const auto& section : e.sections) {
    json::array rows;
    for (const auto& row : section.rows) {
      json::object o;
      for (std::size_t i = 0; i < section.columns.size() && i < row.values.size(); ++i)
        o[section.columns[i]] = cell(section.columns[i], row.values[i]);
      rows.push_back(std::move(o));
    }
    out[section.name] = std::move(rows);
  }
  return out;
}

json::object to_json(const app::privacy::EraseResult& r) {
  const auto& n = r.erased;
  return {{"subject", r.subject},
          {"dry_run", r.dry_run},
          {"erased",
           {{"accounts", n.accounts},
            {"registrations", n.registrations},
            {"attachments", n.attachments},
            {"tickets", n.tickets},
            {"ticket_history", n.ticket_history},
            {"scans", n.scans},
            {"sales", n.sales},
            {"refunds", n.refunds},
            {"transfers", n.transfers},
            {"mail", n.mail},
            {"audit_entries", n.audit_entries},
            {"jobs", n.jobs}}}};
}

json::object to_json(const store::privacy_requests::Request& r) {
  return {{"id", r.id},
          {"user_id", r.user_id},
          {"username", r.username},
          {"email", r.email ? json::value(*r.email) : json::value(nullptr)},
          {"email_verified", r.email_verified},
          {"status", r.status},
          {"requested_at", format_iso8601(r.requested_at)},
          {"decided_at", time_or_null(r.decided_at)},
          {"decided_by", r.decided_by ? json::value(*r.decided_by) : json::value(nullptr)}};
}

namespace schemas {
using namespace schema;

S privacy_export() {
  return ref("PrivacyExport", [] {
    std::vector<Field> fields{{"email", text().example("zoe@example.com")},
                              {"subject", text().describe("The pseudonym of this address in the audit log").example("3f9a0c2e71b4d85a")},
                              {"generated_at", time()}};
    for (const auto& [name, what] : kSections)
      fields.push_back({name, std::move(array(free_object()).describe(std::string(what) +
                                                                        ": rows as stored, times as ISO 8601"))});
    return object(std::move(fields));
  });
}

S privacy_erase_result() {
  return ref("PrivacyEraseResult", [] {
    std::vector<Field> counts;
    for (const char* name : {"accounts", "registrations", "attachments", "tickets", "ticket_history", "scans", "sales",
                             "refunds", "transfers", "mail", "audit_entries", "jobs"})
      counts.push_back({name, integer()});
    return object({{"subject", text().describe("The pseudonym of the address in the audit log")},
                   {"dry_run", boolean().describe("true: nothing was changed; the counts say what would be")},
                   {"erased", std::move(object(std::move(counts)).describe("Rows changed, per kind"))}});
  });
}

S privacy_request() {
  return ref("PrivacyRequest", [] {
    return object({{"id", id()},
                   {"user_id", id()},
                   {"username", text().describe("The account's name now (erased:<id> once confirmed)")},
                   {"email", text().nullable()},
                   {"email_verified",
                    boolean().describe("Only a verified address is erased with the account: an unverified one may be "
                                       "someone else's")},
                   {"status", one_of({"pending", "done"})},
                   {"requested_at", time()},
                   {"decided_at", time().nullable()},
                   {"decided_by", text().nullable()}});
  });
}
}  // namespace schemas

}  // namespace gatepass::http
