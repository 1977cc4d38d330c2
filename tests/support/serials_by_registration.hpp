#pragma once
// Racing approvals of the same registrations: the serial each registration's answers carried.
// Every answer for one registration must name the same ticket; issued() is the set of tickets.
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace gatepass::testing {

class SerialsByRegistration {
 public:
  explicit SerialsByRegistration(std::size_t registrations) : serial_of_(registrations) {}

  // One 200 answer to an approval of registration number `index` (thread-safe).
  void record(std::size_t index, const std::string& serial) {
    std::lock_guard lock(mutex_);
    if (serial_of_[index].empty()) serial_of_[index] = serial;
    EXPECT_EQ(serial_of_[index], serial) << "two different tickets for one registration";
  }

  std::set<std::string> issued() const {
    std::set<std::string> out;
    for (const auto& s : serial_of_)
      if (!s.empty()) out.insert(s);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> serial_of_;
};

}  // namespace gatepass::testing
