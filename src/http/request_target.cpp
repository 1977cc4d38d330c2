#include "http/request_target.hpp"

#include <boost/url/parse.hpp>

namespace gatepass::http {

std::optional<RequestTarget> parse_request_target(std::string_view target) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return std::nullopt;
  RequestTarget out;
  for (auto seg : url->segments()) out.path.emplace_back(seg);
  if (out.path.size() == 1 && out.path.back().empty()) out.path.clear();  // "/"
  for (auto param : url->params()) out.query[std::string(param.key)] = std::string(param.value);
  return out;
}

}  // namespace gatepass::http
