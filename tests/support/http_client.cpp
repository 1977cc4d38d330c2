#include "support/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "support/openapi_check.hpp"

namespace gatepass::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

struct HttpClient::Impl {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  unsigned short port;
  bool connected = false;
  void connect() {
    stream.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    connected = true;
  }
};

boost::json::value HttpResult::json() const {
  std::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value(nullptr) : v;
}

HttpClient::HttpClient(unsigned short port) : impl_(std::make_unique<Impl>()) { impl_->port = port; }
HttpClient::~HttpClient() {
  beast::error_code ec;
  impl_->stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
}

HttpResult HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                               const std::map<std::string, std::string>& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      if (!impl_->connected) impl_->connect();
      bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
      req.method_string(method);
      req.set(bhttp::field::host, "127.0.0.1");
      for (const auto& [k, v] : headers) req.set(k, v);
      req.body() = body;
      req.prepare_payload();
      beast::error_code write_error;
      bhttp::write(impl_->stream, req, write_error);
      // A server may answer (413) and stop reading before the body is sent: still read the answer.
      if (write_error && write_error != asio::error::broken_pipe && write_error != asio::error::connection_reset)
        throw boost::system::system_error(write_error);
      beast::flat_buffer buffer;
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      bhttp::read(impl_->stream, buffer, parser);
      auto res = parser.release();
      HttpResult out;
      out.status = static_cast<int>(res.result_int());
      out.body = res.body();
      for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        out.headers[name] = std::string(f.value());
      }
      if (!res.keep_alive()) {
        beast::error_code ec;
        impl_->stream.socket().close(ec);
        impl_->connected = false;
      }
      // Every exchange is also checked against the API's OpenAPI document.
      Exchange x{method, target, "", body, out.status, "", out.body};
      for (const auto& [k, v] : headers)
        if (k == "Content-Type" || k == "content-type") x.request_content_type = v;
      if (auto it = out.headers.find("content-type"); it != out.headers.end()) x.response_content_type = it->second;
      for (const auto& problem : check_against_openapi(x)) ADD_FAILURE() << "OpenAPI contract: " << problem;
      return out;
    } catch (const boost::system::system_error&) {
      // The server closed an idle keep-alive connection: reconnect once.
      beast::error_code ec;
      impl_->stream.socket().close(ec);
      impl_->connected = false;
      if (attempt == 1) throw;
    }
  }
  return {};
}

static std::map<std::string, std::string> auth(const std::string& token, std::map<std::string, std::string> h = {}) {
  if (!token.empty()) h["Authorization"] = "Bearer " + token;
  return h;
}

HttpResult HttpClient::get(const std::string& target, const std::string& token) {
  return request("GET", target, "", auth(token));
}

HttpResult HttpClient::post_json(const std::string& target, const boost::json::value& body, const std::string& token) {
  return request("POST", target, boost::json::serialize(body), auth(token, {{"Content-Type", "application/json"}}));
}

HttpResult HttpClient::post(const std::string& target, const std::string& token,
                            const std::map<std::string, std::string>& headers) {
  return request("POST", target, "", auth(token, headers));
}

HttpResult HttpClient::patch_json(const std::string& target, const boost::json::value& body, const std::string& token) {
  return request("PATCH", target, boost::json::serialize(body), auth(token, {{"Content-Type", "application/json"}}));
}

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace gatepass::testing
