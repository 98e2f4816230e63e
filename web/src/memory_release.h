#pragma once
// What the server does so that memory a request used is given back.
//
// glibc's allocator keeps what a thread freed for that thread's arena to reuse:
// after sixteen request threads each drew a ten-year report at once, the
// server held about half a gigabyte it no longer used. The server limits the
// arenas to a few per core, has large blocks (a report's rows, a page's text)
// mapped on their own so that freeing them returns them at once, and, after a
// request that took long enough to have built much, asks glibc to return the
// free pages of every arena (at most once a second, so a burst of reports pays
// for it once).

#include <atomic>
#include <chrono>

namespace casereview::web {

// Sets the allocator's limits; call once, before the request threads start.
void configure_allocator_for_serving();

class MemoryRelease {
 public:
  // A request that ran at least this long may have built a report's worth.
  static constexpr std::chrono::milliseconds kHeavyRequest{50};

  // Called after a response was sent, with the time its request took.
  void after_request(std::chrono::milliseconds took,
                     std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  // How many times free memory was given back (for the tests).
  long long releases() const { return releases_.load(); }

 private:
  static constexpr long long kNever = -1;
  // Milliseconds of the steady clock at the last release (kNever: none yet).
  std::atomic<long long> last_release_ms_{kNever};
  std::atomic<long long> releases_{0};
};

}  // namespace casereview::web
