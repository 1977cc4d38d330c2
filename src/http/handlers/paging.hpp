#pragma once
#include "app/context.hpp"
#include "http/json_io.hpp"

namespace gatepass::http {
// ?limit=&offset= with the shared bounds (default 50, max 200).
inline app::PageRequest page_request(const Request& req) {
  app::PageRequest p;
  p.limit = query_integer(req, "limit", 1, app::kMaxPageSize).value_or(app::kDefaultPageSize);
  p.offset = query_integer(req, "offset", 0, 1'000'000'000).value_or(0);
  return p;
}

template <class Page, class ToJson>
boost::json::object page_object(const Page& page, const app::PageRequest& req, ToJson to_json_fn) {
  boost::json::array items;
  items.reserve(page.items.size());
  for (const auto& item : page.items) items.push_back(to_json_fn(item));
  return {{"items", std::move(items)}, {"total", page.total}, {"limit", req.limit}, {"offset", req.offset}};
}

template <class Page, class ToJson>
Response page_response(const Page& page, const app::PageRequest& req, ToJson to_json_fn) {
  return json_response(200, page_object(page, req, to_json_fn));
}
}  // namespace gatepass::http
