#include "app/privacy/person.hpp"

#include <boost/json/parse.hpp>

#include "app/audit/redact.hpp"
#include "domain/crypto.hpp"
#include "domain/error.hpp"
#include "domain/personal_data.hpp"
#include "domain/validation.hpp"

namespace gatepass::app::privacy {

std::string checked_email(const std::optional<std::string>& email, const char* field) {
  if (!email) throw Error(ErrorCode::validation, "An email address is required", {{field, "is required"}});
  const auto trimmed = validation::trim(*email);
  if (auto why = validation::check_email(trimmed)) throw Error(ErrorCode::validation, "Not an email address", {{field, *why}});
  return trimmed;
}

std::string subject_of(const Context& ctx, const std::string& email) {
  const auto key = crypto::derive_key(ctx.config.secret_key, "privacy-subject");
  return crypto::sha256_hex(crypto::to_hex(key.data(), key.size()) + ":" + personal_data::fold_ascii(email)).substr(0, 16);
}

std::int64_t erase_from_audit_log(store::Connection& c, const store::audit::PersonalData& who, const Actor& by,
                                  const std::string& why, Millis now) {
  // Through the chain's redaction (docs/security.md, "The audit chain"): the rows change and a
  // chained audit.redact row accounts for each, so `gatepass audit verify` still passes while a
  // silent edit of the same rows would not.
  std::vector<audit::DetailsRedaction> rows;
  for (auto& r : store::audit::personal_data_rewrites(c, who)) {
    boost::system::error_code ec;
    auto details = boost::json::parse(r.details_json, ec);
    rows.push_back({r.id, !ec && details.is_object() ? std::move(details.as_object()) : boost::json::object{}, std::move(r.actor)});
  }
  return audit::redact_details(c, rows, by, why, now);
}

}  // namespace gatepass::app::privacy
