#include "domain/box_office.hpp"

namespace gatepass {

std::string_view to_string(RequestStatus s) {
  switch (s) {
    case RequestStatus::pending: return "pending";
    case RequestStatus::approved: return "approved";
    case RequestStatus::rejected: return "rejected";
    case RequestStatus::completed: return "completed";
    case RequestStatus::cancelled: return "cancelled";
    case RequestStatus::accepted: return "accepted";
  }
  return "pending";
}

std::optional<RequestStatus> parse_request_status(std::string_view s) {
  for (auto v : {RequestStatus::pending, RequestStatus::approved, RequestStatus::rejected, RequestStatus::completed,
                 RequestStatus::cancelled, RequestStatus::accepted})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

std::string_view to_string(JobStatus s) {
  switch (s) {
    case JobStatus::queued: return "queued";
    case JobStatus::running: return "running";
    case JobStatus::done: return "done";
    case JobStatus::failed: return "failed";
  }
  return "queued";
}

std::optional<JobStatus> parse_job_status(std::string_view s) {
  for (auto v : {JobStatus::queued, JobStatus::running, JobStatus::done, JobStatus::failed})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

}  // namespace gatepass
