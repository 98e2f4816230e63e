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
// pages of every arena; after a minute it also takes the database file's pages
// read through the map (by the requests' connections: reports copy theirs) out
// of the resident set
// (db::release_mapped_file_pages). Reports that keep coming reuse what the
// last one freed and mapped, and the last of them is still followed by a
// release. That thread does the work, not the request's: malloc_trim walks
// every arena, and the response may still be in the connection's buffer when
// the handler returns.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace casereview::web {

// Sets the allocator's limits; call once, before the request threads start.
void configure_allocator_for_serving();

// Told by the server's own work that may have read much (the report caches'
// warm-up, a daily checkpoint) how long it took, so that what it used is
// given back as after a long request (Server::after_background_work).
using ReadMuch = std::function<void(std::chrono::milliseconds took)>;

class MemoryRelease {
 public:
  // A request that ran at least this long may have built a report's worth.
  static constexpr std::chrono::milliseconds kHeavyRequest{50};
  // How long after the last long request the allocator's free pages are given
  // back. A report after a release faults in again what the one before had
  // freed: on the national data a CDOP annual report takes about 190 ms after
  // a release and 125 ms without (and releasing once a second while reports
  // kept coming made one in eight take that much longer). Five seconds cover
  // someone reading a report after another, or the same for another period.
  static constexpr std::chrono::milliseconds kAllocatorQuietFor{5000};
  // How long after it the database file's pages leave the resident set. The
  // report after that maps again the pages it reads: a CDOP annual report on
  // the national data after both releases about 270 ms, after the allocator's
  // alone 200 ms (and the resident size 42 MB, against 380). They are the
  // kernel's page cache either way, so there is less to gain than from the
  // allocator's pages, and the wait is longer: a minute covers someone
  // working through the reports.
  static constexpr std::chrono::milliseconds kMappedFileQuietFor{60000};

  MemoryRelease();   // starts the releasing thread
  ~MemoryRelease();  // stops it, after any release under way
  MemoryRelease(const MemoryRelease&) = delete;
  MemoryRelease& operator=(const MemoryRelease&) = delete;

  // Called when a request has been handled, with the time it took. Never
  // waits for a release.
  void after_request(std::chrono::milliseconds took,
                     std::chrono::steady_clock::time_point now = std::chrono::steady_clock::now());
  // For the tests: how many of the allocator's releases requests have asked
  // for; how many have run (one run may answer several asked for meanwhile);
  // whether one is still to run or running. The same for the mapped file's.
  long long releases_asked() const;
  long long releases_done() const;
  bool release_wanted() const;
  long long mapped_file_releases_done() const;
  bool mapped_file_release_wanted() const;

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  // One kind of release: when the latest one asked for is due, and up to
  // which due time releases have run; one is wanted while the first is later.
  struct Stage {
    explicit Stage(std::chrono::milliseconds quiet_for) : quiet(quiet_for) {}
    bool wanted() const { return released_to < due; }
    void released(TimePoint was_due) {
      released_to = was_due;
      ++done;
    }
    std::chrono::milliseconds quiet;
    TimePoint due = TimePoint::min();
    TimePoint released_to = TimePoint::min();
    long long asked = 0;
    long long done = 0;
  };
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  Stage allocator_{kAllocatorQuietFor};     // under mutex_
  Stage mapped_file_{kMappedFileQuietFor};  // under mutex_
  bool stopping_ = false;                   // under mutex_
  std::thread thread_;                      // last: it starts once the members above exist
};

}  // namespace casereview::web
