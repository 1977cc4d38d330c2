#pragma once
// Who is really calling: the TCP peer, unless that peer is a reverse proxy we were told to trust,
// in which case the right-most X-Forwarded-For address that is not itself a trusted proxy.
// Never trust the header from anyone else: a client could claim any address.
#include <set>
#include <string>

namespace gatepass::http {

std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const std::set<std::string>& trusted_proxies);
// "10.0.0.5, 10.0.0.6" -> {"10.0.0.5", "10.0.0.6"} (GATEPASS_TRUSTED_PROXIES).
std::set<std::string> parse_address_list(const std::string& list);

}  // namespace gatepass::http
