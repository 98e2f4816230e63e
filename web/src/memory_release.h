#pragma once
// What the server does so that memory a request used is given back.
//
// glibc's allocator keeps what a thread freed for that thread's arena to reuse:
// after sixteen request threads each drew a ten-year report at once, the
// server held about half a gigabyte it no longer used. The server limits the
// arenas to a few per core, maps on their own only blocks larger than a report
// builds (tens of megabytes), keeps at most 16 MiB free at the top of an
// arena, and, once five seconds have passed without another request that took
// long enough to have built much, has a thread of its own return the free
// pages of every arena: reports that keep coming reuse what the last one
// freed, and the last of them is still followed by a release. That thread
// does the work, not the request's: malloc_trim walks every arena, and the
// response may still be in the connection's buffer when the handler returns.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace casereview::web {

// Sets the allocator's limits; call once, before the request threads start.
void configure_allocator_for_serving();

class MemoryRelease {
 public:
  // A request that ran at least this long may have built a report's worth.
  static constexpr std::chrono::milliseconds kHeavyRequest{50};

  MemoryRelease();   // starts the releasing thread
  ~MemoryRelease();  // stops it, after any release under way
  MemoryRelease(const MemoryRelease&) = delete;
  MemoryRelease& operator=(const MemoryRelease&) = delete;

  // Called when a request has been handled, with the time it took. Never
  // waits for a release.
  void after_request(std::chrono::milliseconds took,
                     std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  // For the tests: how many releases requests have asked for; how many have
  // run (one run may answer several asked for meanwhile); whether one is
  // still to run or running.
  long long releases_asked() const;
  long long releases_done() const;
  bool release_wanted() const;

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  // When the latest release asked for is due, and up to which due time
  // releases have run: a release is wanted while the first is later.
  TimePoint due_ = TimePoint::min();          // under mutex_
  TimePoint released_to_ = TimePoint::min();  // under mutex_
  long long asked_ = 0;                       // under mutex_
  long long done_ = 0;                        // under mutex_
  bool stopping_ = false;                     // under mutex_
  std::thread thread_;                        // last: it starts once the members above exist
};

}  // namespace casereview::web
