#pragma once
// The id of the request being served on this thread (X-Request-Id), so that what the request
// writes (audit rows, error log lines) can name it without every use case passing it along.
// Set by the router for the duration of one request; empty outside requests (CLI, jobs). The
// SQLite writer thread runs each queued write under the id of the request that queued it.
#include <string>

namespace gatepass::store {

const std::string& current_request_id();
// Replaces this thread's request id and returns the one it had: a fiber that gives its thread
// to other requests while it waits (store/commit_wait.hpp) takes its id along and puts it back.
std::string exchange_request_id(std::string id);

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
