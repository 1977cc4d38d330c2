#pragma once
// The access log's writer (docs/operations.md "Access log"). A request's I/O thread formats its
// line and appends it to a buffer under a short lock; one writer thread writes the buffer out every
// kInterval, or as soon as kEarlyLines wait. No request wakes a thread or makes a system call for
// its line: with a wake-up and a write per line (spdlog's async logger) the log cost verify about
// 3 system calls and a context switch per request, half its kernel time (docs/benchmarks.md).
// Bounded: beyond kMaxLines waiting (the disk or pipe far behind) new lines are dropped and their
// number reported as a warning in the server's log.
#include <spdlog/formatter.h>
#include <spdlog/sinks/sink.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace gatepass::http {

// How much of `lines` (each ending in '\n') to write at once: the most whole lines within `max`
// bytes, or `max` bytes of a first line longer than that.
std::size_t whole_lines_prefix(std::string_view lines, std::size_t max);

class AccessLogWriter final : public spdlog::sinks::sink {
 public:
  static constexpr std::chrono::milliseconds kInterval{100};
  static constexpr std::size_t kEarlyLines = 2048;
  static constexpr std::size_t kMaxLines = 8192;

  // `target`: where the lines go, one log call per line (tests); nullptr: standard error, written
  // in pieces of whole lines of at most PIPE_BUF bytes (atomic on a pipe, e.g. to journald).
  explicit AccessLogWriter(std::shared_ptr<spdlog::sinks::sink> target = nullptr);
  ~AccessLogWriter() override;

  void log(const spdlog::details::log_msg& msg) override;
  void flush() override;  // wakes the writer: what waits now is written soon
  void set_pattern(const std::string& pattern) override;
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

  // Writes every line logged so far and ends the writer thread (later lines are dropped).
  void stop();
  std::uint64_t dropped() const { return dropped_total_.load(); }

 private:
  void run();
  void write_out(const std::string& lines);

  std::shared_ptr<spdlog::sinks::sink> target_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::unique_ptr<spdlog::formatter> formatter_;
  std::string waiting_;            // formatted lines, each ending in '\n'
  std::size_t waiting_lines_ = 0;
  std::uint64_t dropped_ = 0;      // since the last warning
  std::atomic<std::uint64_t> dropped_total_{0};
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gatepass::http
