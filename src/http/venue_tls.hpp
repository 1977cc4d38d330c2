#pragma once
// What the server says about its own HTTPS: the venue CA at /ca.crt, a page at /ca telling
// stewards how to trust it (Android, iPhone), and the plain-HTTP redirect to HTTPS.
// Both /ca.crt and /ca are also answered on the plain-HTTP port: a phone needs them before it
// trusts the certificate the HTTPS port shows.
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace gatepass::http {

// True for the two paths above ("/ca.crt", "/ca").
bool is_venue_ca_path(const Request& req);

// GET /ca.crt (the PEM, as a CA certificate browsers offer to install) or GET /ca (the page,
// showing the certificate's SHA-256 fingerprint for stewards to compare). 404 when there is none.
Response venue_ca_response(const Request& req, const std::string& ca_pem, const std::string& ca_fingerprint);

// A 308 to the same host and target on the HTTPS port. The host comes from the request's Host
// header (its port dropped); a missing or malformed Host is a 400, never a redirect elsewhere.
Response redirect_to_https(const Request& req, std::string_view target, unsigned short https_port);

}  // namespace gatepass::http
