#include "http/client_address.hpp"

#include <boost/asio/ip/address.hpp>

#include <vector>

namespace gatepass::http {

std::string budget_key(const std::string& address) {
  boost::system::error_code ec;
  const auto parsed = boost::asio::ip::make_address(address, ec);
  if (ec || !parsed.is_v6()) return address;
  const auto v6 = parsed.to_v6();
  if (v6.is_v4_mapped()) return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  auto bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

static std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// "a, b,c" -> {"a", "b", "c"} (empty items kept, so positions stay meaningful)
static std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    out.push_back(trim(list.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

std::set<std::string> parse_address_list(const std::string& list) {
  std::set<std::string> out;
  for (auto& item : split_commas(list))
    if (!item.empty()) out.insert(std::move(item));
  return out;
}

std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const std::set<std::string>& trusted_proxies) {
  if (!forwarded_for || !trusted_proxies.contains(peer)) return peer;
  const auto hops = split_commas(*forwarded_for);
  // Walk from the nearest hop outwards; the first address that is not our own proxy is the client.
  for (auto it = hops.rbegin(); it != hops.rend(); ++it)
    if (!it->empty() && !trusted_proxies.contains(*it)) return *it;
  return peer;
}

}  // namespace gatepass::http
