// A fixed number of HTTP/1.1 keep-alive requests over C connections (one thread each), for
// bench/counts.sh: per-request counts need an exact request count, which wrk (timed) cannot give.
//   fixed_requests PORT CONNECTIONS PER_CONNECTION LINES_FILE TOKEN METHOD PATH_PREFIX [BODY]
// Each request takes a line of LINES_FILE as the end of its path or, with BODY, as the {} in BODY
// (then the path is PATH_PREFIX alone). GET requests cycle through the lines (connection t, request
// i: line t * 7919 + i); other methods send each line once (connection t: lines t, t+C, t+2C, ...).
// Prints requests, non-2xx answers and the answers' bytes per request (headers + body, and body
// alone). Exits non-zero on a broken connection.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {
std::atomic<long> non_2xx{0}, bytes{0}, body_bytes{0};

[[noreturn]] void fail(const char* what) {
  std::perror(what);
  std::exit(1);
}

// One answer: headers, then Content-Length bytes (the server always sends it for these routes).
std::size_t read_answer(int s, std::string& buf, std::size_t& header_end) {
  char chunk[65536];
  std::size_t need = 0;
  header_end = std::string::npos;
  buf.clear();
  for (;;) {
    const auto n = ::read(s, chunk, sizeof chunk);
    if (n <= 0) fail("read");
    buf.append(chunk, static_cast<std::size_t>(n));
    if (header_end == std::string::npos && (header_end = buf.find("\r\n\r\n")) != std::string::npos) {
      auto p = buf.find("ontent-Length:");
      if (p == std::string::npos || p > header_end) p = buf.find("ontent-length:");
      if (p == std::string::npos || p > header_end) fail("no Content-Length");
      need = header_end + 4 + std::strtoul(buf.c_str() + p + 14, nullptr, 10);
    }
    if (header_end != std::string::npos && buf.size() >= need) return need;
  }
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 8) {
    std::fprintf(stderr, "usage: fixed_requests PORT CONNECTIONS PER_CONNECTION LINES_FILE TOKEN METHOD PATH_PREFIX [BODY]\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int conns = std::atoi(argv[2]);
  const long per = std::atol(argv[3]);
  std::vector<std::string> lines;
  std::ifstream in(argv[4]);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  if (lines.empty()) fail("empty LINES_FILE");
  const std::string token = argv[5], method = argv[6], prefix = argv[7], body_template = argc > 8 ? argv[8] : "";
  std::vector<std::thread> threads;
  for (int t = 0; t < conns; ++t)
    threads.emplace_back([&, t] {
      const int s = ::socket(AF_INET, SOCK_STREAM, 0);
      int one = 1;
      ::setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_port = htons(static_cast<unsigned short>(port));
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      if (::connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("connect");
      std::string req, buf;
      for (long i = 0; i < per; ++i) {
        const bool with_body = !body_template.empty();
        const auto& line = method != "GET" ? lines[(i * conns + t) % lines.size()] : lines[(t * 7919 + i) % lines.size()];
        std::string body = body_template;
        for (auto p = body.find("{}"); p != std::string::npos; p = body.find("{}", p + line.size()))
          body.replace(p, 2, line);
        req = method + " " + prefix + (with_body ? "" : line) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!token.empty() && token != "-") req += "Authorization: Bearer " + token + "\r\n";
        if (with_body) req += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
        req += "\r\n" + body;
        if (::write(s, req.data(), req.size()) != static_cast<ssize_t>(req.size())) fail("write");
        std::size_t header_end = 0;
        const auto size = read_answer(s, buf, header_end);
        if (buf.size() < 12 || buf[9] != '2')
          if (non_2xx++ < 3) std::fprintf(stderr, "%.300s\n", buf.c_str());
        bytes += static_cast<long>(size);
        body_bytes += static_cast<long>(size - header_end - 4);
      }
      ::close(s);
    });
  for (auto& t : threads) t.join();
  const long total = conns * per;
  std::printf("requests %ld non_2xx %ld bytes/request %.1f body_bytes/request %.1f\n", total, non_2xx.load(),
              static_cast<double>(bytes) / total, static_cast<double>(body_bytes) / total);
}
