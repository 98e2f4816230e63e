// After a long request the server gives free memory back, at most once a
// second however many long requests end together (web/src/memory_release.h).
#include "memory_release.h"

#include <gtest/gtest.h>

namespace casereview::web {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST(MemoryRelease, OnlyALongRequestGivesMemoryBack) {
  MemoryRelease memory;
  const steady_clock::time_point t0{std::chrono::hours(1)};
  memory.after_request(milliseconds(3), t0);
  memory.after_request(MemoryRelease::kHeavyRequest - milliseconds(1), t0);
  EXPECT_EQ(memory.releases_asked(), 0);
  memory.after_request(MemoryRelease::kHeavyRequest, t0);
  EXPECT_EQ(memory.releases_asked(), 1);
}

TEST(MemoryRelease, ABurstOfLongRequestsGivesMemoryBackOnceASecond) {
  MemoryRelease memory;
  const steady_clock::time_point t0{std::chrono::hours(1)};
  for (int i = 0; i < 16; ++i) memory.after_request(milliseconds(400), t0 + milliseconds(i * 10));
  EXPECT_EQ(memory.releases_asked(), 1);
  memory.after_request(milliseconds(400), t0 + milliseconds(999));
  EXPECT_EQ(memory.releases_asked(), 1);
  memory.after_request(milliseconds(400), t0 + milliseconds(1000));
  EXPECT_EQ(memory.releases_asked(), 2);
}

// The release runs on the releaser's own thread; stopping waits for it and
// never hangs, also with a release still wanted.
TEST(MemoryRelease, StopsWithAReleaseAskedFor) {
  for (int i = 0; i < 20; ++i) {
    MemoryRelease memory;
    memory.after_request(milliseconds(400), steady_clock::time_point{std::chrono::hours(1)});
    EXPECT_EQ(memory.releases_asked(), 1);
  }
}

}  // namespace
}  // namespace casereview::web
