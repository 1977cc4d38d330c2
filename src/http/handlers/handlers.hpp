#pragma once
// One file per resource; each adds its routes (with their access rules) to the router.
#include "http/router.hpp"

namespace gatepass::http {
void add_health_routes(Router& r);
void add_auth_routes(Router& r);
void add_account_routes(Router& r);
void add_two_factor_routes(Router& r);
void add_user_routes(Router& r);
void add_event_routes(Router& r);
void add_registration_routes(Router& r);
void add_ticket_routes(Router& r);
void add_checkin_routes(Router& r);
void add_audit_routes(Router& r);
void add_ticket_type_routes(Router& r);
void add_generation_routes(Router& r);
void add_sale_routes(Router& r);
void add_holder_routes(Router& r);
void add_refund_routes(Router& r);
void add_transfer_routes(Router& r);
void add_delivery_routes(Router& r);
void add_stats_routes(Router& r);
void add_scan_routes(Router& r);
void add_offline_routes(Router& r);
void add_steward_routes(Router& r);
void add_device_routes(Router& r);
void add_export_routes(Router& r);
void add_privacy_routes(Router& r);
void add_docs_routes(Router& r);  // needs the full table: add last

inline Router make_api_router() {
  Router r;
  add_health_routes(r);
  add_auth_routes(r);
  add_account_routes(r);
  add_two_factor_routes(r);
  add_user_routes(r);
  add_event_routes(r);
  add_registration_routes(r);
  add_ticket_routes(r);
  add_checkin_routes(r);
  add_scan_routes(r);
  add_offline_routes(r);
  add_steward_routes(r);
  add_device_routes(r);
  add_export_routes(r);
  add_audit_routes(r);
  add_ticket_type_routes(r);
  add_generation_routes(r);
  add_sale_routes(r);
  add_holder_routes(r);
  add_refund_routes(r);
  add_transfer_routes(r);
  add_delivery_routes(r);
  add_stats_routes(r);
  add_privacy_routes(r);
  add_docs_routes(r);
  return r;
}
}  // namespace gatepass::http
