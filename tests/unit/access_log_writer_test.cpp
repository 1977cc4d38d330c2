// The access log's batching writer (src/http/access_log_writer.hpp): every line arrives once and in
// order, standard error gets whole lines, and a writer far behind drops new lines and counts them.
#include "http/access_log_writer.hpp"

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/ostream_sink.h>

#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <future>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "support/race.hpp"

using namespace gatepass;
using http::AccessLogWriter;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::shared_ptr<spdlog::logger> logger_over(std::shared_ptr<AccessLogWriter> writer) {
  auto logger = std::make_shared<spdlog::logger>("access", std::move(writer));
  logger->set_pattern("%v");
  return logger;
}

// A target whose first line blocks until released: the writer thread is then busy with that line.
class BlockingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::promise<void> entered;
  void release() {
    std::lock_guard lock(gate_);
    released_ = true;
    cv_.notify_all();
  }
  std::vector<std::string> lines;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (lines.empty()) {
      entered.set_value();
      std::unique_lock lock(gate_);
      cv_.wait(lock, [&] { return released_; });
    }
    lines.emplace_back(msg.payload.data(), msg.payload.size());
  }
  void flush_() override {}

 private:
  std::mutex gate_;
  std::condition_variable cv_;
  bool released_ = false;
};

}  // namespace

TEST(AccessLogWriter, EveryLineArrivesOnceAndInOrderByStop) {
  std::ostringstream out;
  auto writer = std::make_shared<AccessLogWriter>(std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  auto logger = logger_over(writer);
  for (int i = 0; i < 5000; ++i) logger->info("line {}", i);
  writer->stop();
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 5000u);
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(lines[static_cast<std::size_t>(i)], "line " + std::to_string(i));
  EXPECT_EQ(writer->dropped(), 0u);
}

TEST(AccessLogWriter, LinesFromRacingThreadsAllArriveWhole) {
  std::ostringstream out;
  auto writer = std::make_shared<AccessLogWriter>(std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  auto logger = logger_over(writer);
  constexpr int kThreads = 8, kEach = 500;  // 4,000 lines: below kMaxLines, so none may be dropped
  gatepass::testing::race(kThreads, [&](int t) {
    for (int i = 0; i < kEach; ++i) logger->info("thread {} line {} {}", t, i, std::string(40, 'x'));
  });
  writer->stop();
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), static_cast<std::size_t>(kThreads * kEach));
  std::set<std::string> distinct(lines.begin(), lines.end());
  EXPECT_EQ(distinct.size(), lines.size());
  for (int t = 0; t < kThreads; ++t)
    for (int i = 0; i < kEach; ++i)
      EXPECT_TRUE(distinct.contains("thread " + std::to_string(t) + " line " + std::to_string(i) + " " + std::string(40, 'x')));
}

TEST(AccessLogWriter, AWriterFarBehindDropsNewLinesAndCountsThem) {
  auto target = std::make_shared<BlockingSink>();
  auto entered = target->entered.get_future();
  auto writer = std::make_shared<AccessLogWriter>(target);
  auto logger = logger_over(writer);
  logger->info("first");
  entered.wait();  // the writer holds "first" and is stuck in the target
  const auto more = AccessLogWriter::kMaxLines + 25;
  for (std::size_t i = 0; i < more; ++i) logger->info("waiting {}", i);
  EXPECT_EQ(writer->dropped(), 25u);
  target->release();
  writer->stop();
  ASSERT_EQ(target->lines.size(), 1 + AccessLogWriter::kMaxLines);
  EXPECT_EQ(target->lines.front(), "first");
  EXPECT_EQ(target->lines.back(), "waiting " + std::to_string(AccessLogWriter::kMaxLines - 1));
}

TEST(AccessLogWriter, LinesAfterStopAreDropped) {
  std::ostringstream out;
  auto writer = std::make_shared<AccessLogWriter>(std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  auto logger = logger_over(writer);
  logger->info("kept");
  writer->stop();
  logger->info("late");
  writer->stop();  // twice: harmless
  EXPECT_EQ(lines_of(out.str()), std::vector<std::string>{"kept"});
  EXPECT_EQ(writer->dropped(), 1u);
}

// Without a target the lines go to standard error (here a file in its place), all of them.
TEST(AccessLogWriter, WritesStandardErrorWithoutATarget) {
  char path[] = "/tmp/gatepass-access-log-XXXXXX";
  const int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  std::fflush(stderr);
  const int saved = ::dup(STDERR_FILENO);
  ASSERT_GE(::dup2(fd, STDERR_FILENO), 0);
  {
    auto writer = std::make_shared<AccessLogWriter>();
    auto logger = logger_over(writer);
    for (int i = 0; i < 3000; ++i) logger->info("stderr line {} {}", i, std::string(i % 300, 'y'));
    writer->stop();
  }
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  ::close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  ::unlink(path);
  const auto lines = lines_of(text.str());
  ASSERT_EQ(lines.size(), 3000u);
  for (int i = 0; i < 3000; ++i)
    EXPECT_EQ(lines[static_cast<std::size_t>(i)], "stderr line " + std::to_string(i) + " " + std::string(i % 300, 'y'));
}

TEST(AccessLogWriter, PiecesForStandardErrorAreWholeLinesWithinTheLimit) {
  EXPECT_EQ(http::whole_lines_prefix("", 10), 0u);
  EXPECT_EQ(http::whole_lines_prefix("abc\n", 10), 4u);           // all fits
  EXPECT_EQ(http::whole_lines_prefix("abc\ndefgh\nij\n", 10), 10u);  // "abc\n" + "defgh\n" is 10: fits exactly
  EXPECT_EQ(http::whole_lines_prefix("abc\ndefghi\nj\n", 10), 4u);  // the second line would cross 10
  EXPECT_EQ(http::whole_lines_prefix("abcdefghijklmnop\n", 10), 10u);  // one long line: cut at the limit
  EXPECT_EQ(http::whole_lines_prefix("abcdefghi\nxyz\n", 10), 10u);   // exactly one line of 10
}
