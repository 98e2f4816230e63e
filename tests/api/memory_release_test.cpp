// After long requests the server gives free memory back, once a second has
// passed without another (web/src/memory_release.h).
#include "memory_release.h"

#include <gtest/gtest.h>

#include <thread>

namespace casereview::web {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A time a minute ago: a release due then runs at once. (A fixed time point
// could lie in the future of a machine started less than an hour ago.)
steady_clock::time_point a_minute_ago() { return steady_clock::now() - std::chrono::minutes(1); }

TEST(MemoryRelease, OnlyALongRequestGivesMemoryBack) {
  MemoryRelease memory;
  const steady_clock::time_point t0 = a_minute_ago();
  memory.after_request(milliseconds(3), t0);
  memory.after_request(MemoryRelease::kHeavyRequest - milliseconds(1), t0);
  EXPECT_EQ(memory.releases_asked(), 0);
  memory.after_request(MemoryRelease::kHeavyRequest, t0);
  EXPECT_EQ(memory.releases_asked(), 1);
}

// A burst: its first long request asks for a release, and each one ending
// within a second of the one before postpones it; one ending a second or more
// after the last asks for another.
TEST(MemoryRelease, ABurstOfLongRequestsGivesMemoryBackOnceItIsOver) {
  MemoryRelease memory;
  const steady_clock::time_point t0 = a_minute_ago();
  memory.after_request(milliseconds(400), t0);
  EXPECT_EQ(memory.releases_asked(), 1);
  for (int i = 1; i < 16; ++i) memory.after_request(milliseconds(400), t0 + milliseconds(i * 900));
  EXPECT_EQ(memory.releases_asked(), 1) << "each came within a second of the one before";
  const steady_clock::time_point last = t0 + milliseconds(15 * 900);
  memory.after_request(milliseconds(400), last + milliseconds(999));
  EXPECT_EQ(memory.releases_asked(), 1);
  memory.after_request(milliseconds(400), last + milliseconds(999) + milliseconds(1000));
  EXPECT_EQ(memory.releases_asked(), 2);
}

// The last long request of a burst is not left without a release: every
// release asked for runs, and a release postponed still runs. (The times
// given are past, so none waits.)
TEST(MemoryRelease, EveryReleaseAskedForRuns) {
  MemoryRelease memory;
  const steady_clock::time_point t0 = a_minute_ago();
  for (int i = 0; i < 5; ++i) memory.after_request(milliseconds(400), t0 + milliseconds(i * 200));
  memory.after_request(milliseconds(400), t0 + milliseconds(5000));
  ASSERT_EQ(memory.releases_asked(), 2);
  while (memory.release_wanted()) std::this_thread::sleep_for(milliseconds(1));
  // At least one: release_wanted() turns false only once a release due at
  // or after the last request's due time has run.
  EXPECT_GE(memory.releases_done(), 1);
}

// The release runs on the releaser's own thread; stopping waits for it and
// never hangs, also with a release still wanted.
TEST(MemoryRelease, StopsWithAReleaseAskedFor) {
  for (int i = 0; i < 20; ++i) {
    MemoryRelease memory;
    memory.after_request(milliseconds(400), a_minute_ago());
    EXPECT_EQ(memory.releases_asked(), 1);
  }
}

}  // namespace
}  // namespace casereview::web
