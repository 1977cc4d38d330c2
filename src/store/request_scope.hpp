#pragma once
// The id of the request being served on this thread (X-Request-Id), so that what the request
// writes (audit rows, error log lines) can name it without every use case passing it along.
// Set by the router for the duration of one request; empty outside requests (CLI, jobs). The
// SQLite writer thread runs each queued write under the id of the request that queued it.
#include <string>

namespace gatepass::store {

const std::string& current_request_id();

class RequestScope {
 public:
  explicit RequestScope(std::string id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace gatepass::store
