#pragma once
// Reads a Server-Sent Events stream over a bare socket, message by message, with deadlines:
// enough to test /api/events/{id}/live (the chunk framing around each message is skipped).
#include <boost/json.hpp>

#include <optional>

#include "support/raw_socket.hpp"

namespace gatepass::testing {

class SseReader {
 public:
  SseReader(unsigned short port, const std::string& path, const std::string& token,
            const std::optional<std::string>& last_event_id = std::nullopt)
      : socket_(port) {
    std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                          "Authorization: Bearer " + token + "\r\n";
    if (last_event_id) request += "Last-Event-ID: " + *last_event_id + "\r\n";
    socket_.send(request + "\r\n");
    buffer_ = socket_.read(std::chrono::seconds(5), "\r\n\r\n");
    const auto end = buffer_.find("\r\n\r\n");
    head_ = buffer_.substr(0, end == std::string::npos ? buffer_.size() : end);
    buffer_ = end == std::string::npos ? "" : buffer_.substr(end + 4);
  }

  const std::string& head() const { return head_; }  // status line and headers

  struct Message {
    std::string id;
    boost::json::object data;
  };
  // The next message with data (comments and retry lines are skipped), or nullopt at the deadline.
  std::optional<Message> next(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      for (std::size_t end; (end = buffer_.find("\n\n")) != std::string::npos;) {
        const auto block = buffer_.substr(0, end);
        buffer_.erase(0, end + 2);
        Message m;
        bool has_data = false;
        for (std::size_t pos = 0; pos < block.size();) {
          auto nl = block.find('\n', pos);
          if (nl == std::string::npos) nl = block.size();
          auto line = block.substr(pos, nl - pos);
          pos = nl + 1;
          if (const auto at = line.find("id: "); at != std::string::npos) m.id = line.substr(at + 4);
          if (const auto at = line.find("data: "); at != std::string::npos) {
            m.data = boost::json::parse(line.substr(at + 6)).as_object();
            has_data = true;
          }
        }
        if (has_data) return m;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      buffer_ += socket_.read(std::min(left, std::chrono::milliseconds(50)));
    }
  }

  // Waits for the first message whose data satisfies `pred`.
  template <class Pred>
  std::optional<Message> until(std::chrono::milliseconds timeout, Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      auto m = next(left);
      if (!m) return std::nullopt;
      if (pred(m->data)) return m;
    }
  }

 private:
  RawSocket socket_;
  std::string head_;
  std::string buffer_;
};

}  // namespace gatepass::testing
