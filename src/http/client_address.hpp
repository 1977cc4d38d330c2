#pragma once
// Who is really calling: the TCP peer, unless that peer is a reverse proxy we were told to trust,
// in which case the right-most X-Forwarded-For address that is not itself a trusted proxy.
// Never trust the header from anyone else: a client could claim any address.
#include <set>
#include <string>

namespace gatepass::http {

std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const std::set<std::string>& trusted_proxies);
// The key of an address's rate budgets: an IPv6 client is its /64 (one subscriber or LAN gets a
// whole /64 and can pick any address in it), an IPv4 client (also v4-mapped) its address.
std::string budget_key(const std::string& address);
// "10.0.0.5, 10.0.0.6" -> {"10.0.0.5", "10.0.0.6"} (GATEPASS_TRUSTED_PROXIES).
std::set<std::string> parse_address_list(const std::string& list);

}  // namespace gatepass::http
