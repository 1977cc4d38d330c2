#pragma once
// A small blocking HTTP/1.1 client for the API tests (one keep-alive connection per client).
#include <map>
#include <memory>
#include <string>

#include <boost/json/value.hpp>

namespace gatepass::testing {

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  boost::json::value json() const;             // parses body; null if it is not JSON
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port);
  ~HttpClient();
  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {});
  HttpResult get(const std::string& target, const std::string& token = "");
  HttpResult post_json(const std::string& target, const boost::json::value& body, const std::string& token = "");
  HttpResult post(const std::string& target, const std::string& token = "",
                  const std::map<std::string, std::string>& headers = {});
  HttpResult patch_json(const std::string& target, const boost::json::value& body, const std::string& token = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string url_encode(const std::string& s);

}  // namespace gatepass::testing
