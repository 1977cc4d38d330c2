#include "domain/model.hpp"

namespace gatepass {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::scanner: return "scanner";
    case Role::viewer: return "viewer";
    case Role::attendee: return "attendee";
  }
  return "viewer";
}

std::optional<Role> parse_role(std::string_view s) {
  if (s == "admin") return Role::admin;
  if (s == "scanner") return Role::scanner;
  if (s == "viewer") return Role::viewer;
  if (s == "attendee") return Role::attendee;
  return std::nullopt;
}

std::string_view to_string(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::pending: return "pending";
    case RegistrationStatus::approved: return "approved";
    case RegistrationStatus::declined: return "declined";
  }
  return "pending";
}

std::optional<RegistrationStatus> parse_registration_status(std::string_view s) {
  if (s == "pending") return RegistrationStatus::pending;
  if (s == "approved") return RegistrationStatus::approved;
  if (s == "declined") return RegistrationStatus::declined;
  return std::nullopt;
}

std::string_view to_string(TicketStatus s) {
  switch (s) {
    case TicketStatus::created: return "created";
    case TicketStatus::valid: return "valid";
    case TicketStatus::used: return "used";
    case TicketStatus::refunded: return "refunded";
    case TicketStatus::void_: return "void";
  }
  return "valid";
}

std::optional<TicketStatus> parse_ticket_status(std::string_view s) {
  if (s == "created") return TicketStatus::created;
  if (s == "valid") return TicketStatus::valid;
  if (s == "used") return TicketStatus::used;
  if (s == "refunded") return TicketStatus::refunded;
  if (s == "void") return TicketStatus::void_;
  return std::nullopt;
}

}  // namespace gatepass
