#pragma once
// One file per resource; each adds its routes (with their access rules) to the router.
#include "http/router.hpp"

namespace gatepass::http {
void add_health_routes(Router& r);
void add_auth_routes(Router& r);
void add_user_routes(Router& r);
void add_event_routes(Router& r);
void add_registration_routes(Router& r);
void add_ticket_routes(Router& r);
void add_checkin_routes(Router& r);
void add_audit_routes(Router& r);
void add_stats_routes(Router& r);
void add_docs_routes(Router& r);  // needs the full table: add last

inline Router make_api_router() {
  Router r;
  add_health_routes(r);
  add_auth_routes(r);
  add_user_routes(r);
  add_event_routes(r);
  add_registration_routes(r);
  add_ticket_routes(r);
  add_checkin_routes(r);
  add_audit_routes(r);
  add_stats_routes(r);
  add_docs_routes(r);
  return r;
}
}  // namespace gatepass::http
