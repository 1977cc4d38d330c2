#include "app/privacy/person.hpp"

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

std::int64_t erase_from_audit_log(store::Connection& c, const store::audit::PersonalData& who) {
  return store::audit::erase_personal_data(c, who);
}

}  // namespace gatepass::app::privacy
