#pragma once
// A holder asks, from /my, to have their data erased; admins see the requests and confirm them
// (app/privacy/erase.hpp: confirm_request). Asking again while one is open returns that one.
#include <optional>

#include "app/context.hpp"
#include "store/page.hpp"
#include "store/privacy_requests_repo.hpp"

namespace gatepass::app::privacy {

// Audited (privacy.erase_request) on the account.
store::privacy_requests::Request request_erasure(Context& ctx, const Principal& me);
std::optional<store::privacy_requests::Request> my_request(Context& ctx, const Principal& me);
store::Page<store::privacy_requests::Request> list_requests(Context& ctx, const std::optional<std::string>& status,
                                                            const PageRequest& page);

}  // namespace gatepass::app::privacy
