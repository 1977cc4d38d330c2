// Limits on guessing and flooding: login throttle, anonymous-write buckets, Argon2 slots.
#include <gtest/gtest.h>

#include <atomic>

#include "app/login_throttle.hpp"
#include "app/password_slots.hpp"
#include "app/rate_limiter.hpp"
#include "domain/error.hpp"
#include "support/race.hpp"

using namespace gatepass;

namespace {
app::LoginThrottle::Limits limits(int pair_max, int free_per_user) {
  app::LoginThrottle::Limits l;
  l.max_failures = pair_max;
  l.window_ms = 60'000;
  l.free_failures = free_per_user;
  l.max_delay_ms = 8'000;
  return l;
}
}  // namespace

TEST(LoginThrottle, BlocksAUsernameFromOneAddressAfterRepeatedFailures) {
  app::LoginThrottle throttle(limits(3, 100));
  const Millis t0 = 1'000'000;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(throttle.reserve("admin", "10.0.0.1", t0 + i));
  ASSERT_TRUE(throttle.reserve("admin", "10.0.0.1", t0 + 10));
  EXPECT_EQ(*throttle.reserve("admin", "10.0.0.1", t0 + 10), 60'000 - 10);
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.2", t0 + 10)) << "another address is not affected";
  EXPECT_FALSE(throttle.reserve("gate1", "10.0.0.1", t0 + 10)) << "another account behind the same address is not";
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.1", t0 + 60'001)) << "the oldest failure left the window";
}

TEST(LoginThrottle, ASuccessResetsOnlyItsOwnAccount) {
  app::LoginThrottle throttle(limits(3, 100));
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(throttle.reserve("admin", "10.0.0.1", 1000 + i));
  // Somebody else logs in successfully from the same address: the guesser stays blocked.
  EXPECT_FALSE(throttle.reserve("gate1", "10.0.0.1", 1010));
  throttle.succeeded("gate1", "10.0.0.1");
  EXPECT_TRUE(throttle.reserve("admin", "10.0.0.1", 1020));
  // The account's own success clears its count.
  throttle.succeeded("admin", "10.0.0.1");
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.1", 1030));
}

TEST(LoginThrottle, AUsernameGuessedFromManyAddressesWaitsLongerEachTime) {
  app::LoginThrottle throttle(limits(100, 2));
  Millis t = 1'000'000;
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.1", t));
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.2", t));
  // Two free failures used: now 1 s, then 2 s, 4 s, capped at 8 s — from any address.
  ASSERT_TRUE(throttle.reserve("admin", "10.0.0.3", t));
  EXPECT_EQ(*throttle.reserve("admin", "10.0.0.3", t), 1000);
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.3", t += 1000));
  EXPECT_EQ(*throttle.reserve("admin", "10.0.0.4", t), 2000);
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.4", t += 2000));
  EXPECT_EQ(*throttle.reserve("admin", "10.0.0.5", t), 4000);
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.5", t += 4000));
  EXPECT_EQ(*throttle.reserve("admin", "10.0.0.6", t), 8000);
  EXPECT_FALSE(throttle.reserve("admin", "10.0.0.6", t += 8000));
  EXPECT_EQ(*throttle.reserve("admin", "10.0.0.7", t), 8000) << "capped";
  EXPECT_FALSE(throttle.reserve("gate1", "10.0.0.7", t)) << "other accounts are not slowed";
}

TEST(LoginThrottle, ParallelGuessesAreCountedBeforeAnyIsChecked) {
  app::LoginThrottle throttle(limits(10, 1000));
  std::atomic<int> allowed{0};
  gatepass::testing::race(120, [&](int) {
    if (!throttle.reserve("admin", "10.0.0.1", 5000)) ++allowed;
  });
  EXPECT_EQ(allowed.load(), 10);
}

TEST(RateLimiter, AllowsABurstThenRefillsEvenly) {
  app::RateLimiter limiter(30);  // 30 a minute: one every 2 s after the burst
  for (int i = 0; i < 30; ++i) EXPECT_FALSE(limiter.take("10.0.0.1", 0)) << i;
  ASSERT_TRUE(limiter.take("10.0.0.1", 0));
  EXPECT_EQ(*limiter.take("10.0.0.1", 0), 2000);
  EXPECT_EQ(*limiter.take("10.0.0.1", 1500), 500);
  EXPECT_FALSE(limiter.take("10.0.0.1", 2000));
  EXPECT_TRUE(limiter.take("10.0.0.1", 2001));
  EXPECT_FALSE(limiter.take("10.0.0.2", 0)) << "each address has its own bucket";
  app::RateLimiter off(0);
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(off.take("10.0.0.1", 0));
}

TEST(PasswordSlots, NeverRunMoreHashesAtOnceThanSlots) {
  app::PasswordSlots slots(2);
  std::atomic<int> running{0}, peak{0};
  gatepass::testing::race(16, [&](int) {
    slots.run([&] {
      const int now = ++running;
      int seen = peak.load();
      while (now > seen && !peak.compare_exchange_weak(seen, now)) {
      }
      // Hold the slot long enough for the others to pile up behind it.
      for (volatile int spin = 0; spin < 2'000'000; ++spin) {
      }
      --running;
      return 0;
    });
  });
  EXPECT_LE(peak.load(), 2);
  EXPECT_EQ(slots.peak(), peak.load());
  EXPECT_GE(peak.load(), 1);
}

TEST(PasswordSlots, WaitingTooLongIsUnavailableNotAQueueWithoutEnd) {
  app::PasswordSlots slots(1);
  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    slots.run([&] {
      holding = true;
      while (!release) std::this_thread::yield();
      return 0;
    });
  });
  while (!holding) std::this_thread::yield();
  try {
    slots.run([] { return 0; }, std::chrono::milliseconds(20));
    ADD_FAILURE() << "expected unavailable";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::unavailable);
  }
  release = true;
  holder.join();
}

TEST(LoginThrottle, AttemptsWhoseClockReadingsArriveOutOfOrderAreNotDelayed) {
  // Threads read the clock before taking the lock: an attempt may carry an older `now` than one
  // already counted. Without a real delay due, that must not refuse it.
  app::LoginThrottle throttle(limits(10, 5));
  EXPECT_FALSE(throttle.reserve("crew0", "10.0.0.1", 1001));
  EXPECT_FALSE(throttle.reserve("crew0", "10.0.0.1", 1000));
  EXPECT_FALSE(throttle.reserve("crew0", "10.0.0.1", 999));
}
