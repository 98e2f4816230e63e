#pragma once
// What the server does so that memory a request used is given back.
//
// glibc's allocator keeps what a thread freed for that thread's arena to reuse:
// after sixteen request threads each drew a ten-year report at once, the
// server held about half a gigabyte it no longer used. The server limits the
// arenas to a few per core, has large blocks (a report's rows, a page's text)
// mapped on their own so that freeing them returns them at once, and, after a
// request that took long enough to have built much, has a thread of its own
// return the free pages of every arena (at most once a second, so a burst of
// reports pays for it once). That thread does the work, not the request's:
// malloc_trim walks every arena, and the response may still be in the
// connection's buffer when the handler returns.

#include <atomic>
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
  // How many releases requests have asked for (for the tests).
  long long releases_asked() const { return asked_.load(); }

 private:
  void run();

  static constexpr long long kNever = -1;
  // Milliseconds of the steady clock when a release was last asked for.
  std::atomic<long long> last_asked_ms_{kNever};
  std::atomic<long long> asked_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;    // under mutex_
  bool stopping_ = false;  // under mutex_
  std::thread thread_;     // last: it starts once the members above exist
};

}  // namespace casereview::web
