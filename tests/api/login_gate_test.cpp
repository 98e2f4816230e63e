// The login gate in-process: failure counting per account and per address, and
// the bounded hashing slots that keep sign-ins from tying up request threads.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "http/auth.h"

namespace casereview::web {
namespace {

LoginGate::Limits small() {
  LoginGate::Limits limits;
  limits.failures_per_account = 2;
  limits.failures_per_address = 3;
  limits.hashing_slots = 1;
  limits.slot_wait = std::chrono::milliseconds(20);
  return limits;
}

TEST(LoginGate, CountsFailuresPerAccountAndPerAddress) {
  LoginGate gate(small());
  EXPECT_EQ(gate.retry_after("a", "10.0.0.1"), 0);
  gate.record_failure("a", "10.0.0.1");
  EXPECT_EQ(gate.retry_after("a", "10.0.0.1"), 0);
  gate.record_failure("a", "10.0.0.1");
  EXPECT_GT(gate.retry_after("a", "10.0.0.2"), 0);  // the account, from anywhere
  EXPECT_EQ(gate.retry_after("b", "10.0.0.2"), 0);
  gate.record_failure("b", "10.0.0.1");
  EXPECT_GT(gate.retry_after("c", "10.0.0.1"), 0);  // the address, for any account
  EXPECT_EQ(gate.retry_after("c", "10.0.0.3"), 0);
}

TEST(LoginGate, ASuccessClearsTheAccountsFailures) {
  LoginGate gate(small());
  gate.record_failure("a", "10.0.0.1");
  gate.record_success("a");
  gate.record_failure("a", "10.0.0.2");
  EXPECT_EQ(gate.retry_after("a", "10.0.0.3"), 0);
}

TEST(LoginGate, HashingWaitsForAFreeSlotAndGivesUpWhenNoneComes) {
  LoginGate gate(small());
  std::promise<void> holding, release;
  std::shared_future<void> released = release.get_future().share();
  std::thread holder([&] {
    gate.in_slot([&] {
      holding.set_value();
      released.wait();
    });
  });
  holding.get_future().wait();
  bool ran = false;
  EXPECT_FALSE(gate.in_slot([&] { ran = true; }));  // the only slot is held throughout
  EXPECT_FALSE(ran);
  release.set_value();
  holder.join();
  EXPECT_TRUE(gate.in_slot([&] { ran = true; }));
  EXPECT_TRUE(ran);
}

TEST(LoginGate, AThrowingHashStillFreesItsSlot) {
  LoginGate gate(small());
  EXPECT_THROW(gate.in_slot([] { throw std::runtime_error("out of memory"); }), std::runtime_error);
  EXPECT_TRUE(gate.in_slot([] {}));
}

}  // namespace
}  // namespace casereview::web
