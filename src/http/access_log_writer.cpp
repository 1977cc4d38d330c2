#include "http/access_log_writer.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <climits>
#include <string_view>
#include <utility>

#include <unistd.h>

namespace gatepass::http {

namespace {
// Everything, unless the descriptor is gone (then the lines are lost, as they would be unbuffered).
void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const auto n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}
}  // namespace

std::size_t whole_lines_prefix(std::string_view lines, std::size_t max) {
  if (lines.size() <= max) return lines.size();
  const auto nl = lines.rfind('\n', max - 1);
  return nl == std::string_view::npos ? max : nl + 1;
}

AccessLogWriter::AccessLogWriter(std::shared_ptr<spdlog::sinks::sink> target)
    : target_(std::move(target)), formatter_(std::make_unique<spdlog::pattern_formatter>()) {
  // The target gets finished lines: it adds only the end of line.
  if (target_) target_->set_pattern("%v");
  thread_ = std::thread([this] { run(); });
}

AccessLogWriter::~AccessLogWriter() { stop(); }

void AccessLogWriter::log(const spdlog::details::log_msg& msg) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_lines_ >= kMaxLines) {
      ++dropped_;
      ++dropped_total_;
      return;
    }
    // Formatted here, under the lock: the formatter caches the current second and is not
    // thread-safe; it takes about a microsecond.
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    waiting_.append(line.data(), line.size());
    ++waiting_lines_;
    // The writer sleeps until a first line waits, then for kInterval unless kEarlyLines wait:
    // only those two moments need it woken.
    wake = waiting_lines_ == 1 || waiting_lines_ == kEarlyLines;
  }
  if (wake) wake_.notify_one();
}

void AccessLogWriter::flush() { wake_.notify_one(); }

void AccessLogWriter::set_pattern(const std::string& pattern) {
  set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
}

void AccessLogWriter::set_formatter(std::unique_ptr<spdlog::formatter> formatter) {
  std::lock_guard lock(mutex_);
  formatter_ = std::move(formatter);
}

void AccessLogWriter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void AccessLogWriter::run() {
  std::string batch;
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || waiting_lines_ > 0; });
    if (!stopping_) wake_.wait_for(lock, kInterval, [&] { return stopping_ || waiting_lines_ >= kEarlyLines; });
    batch.swap(waiting_);  // `waiting_` keeps the emptied buffer's capacity
    waiting_lines_ = 0;
    const auto dropped = std::exchange(dropped_, 0);
    const bool last = stopping_;  // nothing is queued after stop: this batch is the last
    lock.unlock();
    if (!batch.empty()) write_out(batch);
    batch.clear();
    if (dropped > 0) spdlog::warn("access log: {} lines dropped (its writer fell behind)", dropped);
    if (last) return;
    lock.lock();
  }
}

void AccessLogWriter::write_out(const std::string& lines) {
  if (target_) {
    std::string_view rest(lines);
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const auto line = rest.substr(0, end);
      target_->log(spdlog::details::log_msg("access", spdlog::level::info, line));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    target_->flush();
    return;
  }
  // Pieces of whole lines, each at most PIPE_BUF bytes: a write that size to a pipe is never
  // interleaved with the server's own log lines (a longer line goes alone, in pieces).
  std::string_view rest(lines);
  while (!rest.empty()) {
    const auto piece = whole_lines_prefix(rest, PIPE_BUF);
    write_all(STDERR_FILENO, rest.data(), piece);
    rest.remove_prefix(piece);
  }
}

}  // namespace gatepass::http
