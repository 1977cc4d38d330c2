#pragma once
// A real SMTP server for the mail tests: Debian's python3-aiosmtpd with its Mailbox handler,
// which stores every accepted message in a Maildir. Started and stopped by the test.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace gatepass::testing {

inline unsigned short unused_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

inline bool accepts_connections(unsigned short port) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket s(io);
  boost::system::error_code ec;
  s.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
  return !ec;
}

class SmtpSink {
 public:
  SmtpSink(unsigned short port, std::string maildir) : port_(port), maildir_(std::move(maildir)) {}
  ~SmtpSink() { stop(); }
  // Starts aiosmtpd and waits (at most 15 s) until it accepts connections.
  bool start() {
    pid_ = ::fork();
    if (pid_ == 0) {
      const std::string listen = "127.0.0.1:" + std::to_string(port_);
      ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
              "aiosmtpd.handlers.Mailbox", maildir_.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
      if (accepts_connections(port_)) return true;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  // Files of the messages received so far.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(maildir_ + "/new", ec)) out.push_back(f.path().string());
    return out;
  }
  const std::string& maildir() const { return maildir_; }

 private:
  unsigned short port_;
  std::string maildir_;
  pid_t pid_ = -1;
};

}  // namespace gatepass::testing
