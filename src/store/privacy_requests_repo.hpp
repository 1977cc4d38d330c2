#pragma once
// Holders' requests to have their data erased (docs/privacy.md): made from /my, confirmed by an
// admin, whose confirmation runs the erasure. One request per account is open at a time.
#include <optional>
#include <string>

#include "domain/model.hpp"
#include "store/db.hpp"
#include "store/page.hpp"

namespace gatepass::store::privacy_requests {

struct Request {
  Id id = 0;
  Id user_id = 0;
  std::string username;              // as the account is called now ("erased:<id>" once done)
  std::optional<std::string> email;  // the account's address now
  bool email_verified = false;
  std::string status;                // pending | done
  Millis requested_at = 0;
  std::optional<Millis> decided_at;
  std::optional<std::string> decided_by;
};

// The account's open request: a new one (created), or the one already open (racing calls get the
// same row).
struct Opened {
  Request request;
  bool created = false;
};
Opened open_for(Connection& c, Id user_id, Millis now);
// The account's latest request, if any.
std::optional<Request> latest_of(Connection& c, Id user_id);
std::optional<Request> find(Connection& c, Id id);
// Pending first, then the newest.
Page<Request> list(Connection& c, const std::optional<std::string>& status, std::int64_t limit, std::int64_t offset);
// pending -> done: 1 = this caller decided it now.
std::int64_t mark_done(Connection& c, Id id, Id by, Millis now);

}  // namespace gatepass::store::privacy_requests
