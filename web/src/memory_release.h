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
// (db::release_mapped_file_pages). It does that at once, whatever the
// requests, when the file pages in the resident set have grown by more than a
// budget since the last such release (looked at once a second): requests
// that each read one case, case after case, map in the pages of hundreds of
// cases without any of them being long. Reports that keep coming reuse what the
// last one freed and mapped, and the last of them is still followed by a
// release. That thread does the work, not the request's: malloc_trim walks
// every arena, and the response may still be in the connection's buffer when
// the handler returns.

#include <chrono>
#include <condition_variable>
#include <cstdint>
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

// How much of this process's resident set is pages of files (its program and
// libraries, and the database file's pages read through its map): the
// kernel's count, from /proc/self/statm. 0 when it cannot be read.
std::int64_t file_pages_resident_bytes();

class MemoryRelease {
 public:
  using FileResidentBytes = std::function<std::int64_t()>;

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
  // How far the file pages in the resident set may grow past what they were
  // after the last release before the mapped file's pages are released
  // whatever the requests. Reads that keep to a few cases stay within it (a
  // case's page, timeline and clocks are kept for a second, and read no page
  // then); stepping the national data's deaths one after another mapped about
  // 25 MB. A read after a release faults in again the pages it reads, from
  // the page cache.
  static constexpr std::int64_t kMappedFileGrowthAtMost = std::int64_t{16} * 1024 * 1024;
  static constexpr std::chrono::milliseconds kFilePagesLookedAtEvery{1000};

  // Starts the releasing thread. `file_resident` tells it the file pages in
  // the resident set (tests give it a fake), looked at every `look_every`.
  explicit MemoryRelease(FileResidentBytes file_resident = file_pages_resident_bytes,
                         std::chrono::milliseconds look_every = kFilePagesLookedAtEvery);
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
  // How many times the file pages have been looked at, and how many of those
  // found them past the budget and released the mapped file's pages.
  long long file_pages_looked_at() const;
  long long mapped_file_releases_for_growth() const;

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
  const FileResidentBytes file_resident_;
  const std::chrono::milliseconds look_every_;
  long long looked_at_ = 0;                       // under mutex_
  long long released_for_growth_ = 0;             // under mutex_
  std::int64_t file_resident_after_release_ = 0;  // the releasing thread's alone
  std::thread thread_;                            // last: it starts once the members above exist
};

}  // namespace casereview::web
