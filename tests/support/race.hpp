#pragma once
// Starts `n` threads that all wait on one latch, then call fn(i) at the same moment: the racing
// tests race for real instead of trickling in one by one.
#include <latch>
#include <thread>
#include <vector>

namespace gatepass::testing {

template <class Fn>
void race(int n, Fn fn) {
  std::latch start(n);
  std::vector<std::thread> threads;
  threads.reserve(n);
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      fn(i);
    });
  for (auto& t : threads) t.join();
}

}  // namespace gatepass::testing
