#include "memory_release.h"

#include <malloc.h>

#include <algorithm>

#include "usable_cores.h"

namespace casereview::web {
namespace {

// Blocks of at least this size are mapped on their own and unmapped when
// freed. Setting it also stops glibc raising it as blocks are freed. It is
// above what one report builds in one block (its answer's text, a vector of
// a year's cases: a few megabytes): a block mapped on its own is fresh pages,
// faulted in one by one, each time a vector doubles, and at 256 KiB that was
// a tenth of a CDOP annual report's time. Freed blocks below it stay in the
// arena, where the request's next block reuses them; malloc_trim, after a
// long request (MemoryRelease), gives back their pages.
constexpr int kOwnMappingFrom = 32 * 1024 * 1024;
// Free memory at the top of an arena beyond this is returned when freed.
// malloc_trim gives back the main arena's top but not another arena's, so
// this bounds what each of those keeps between requests; at 1 MiB a report
// gave back and faulted in again the top of its arena as its blocks came and
// went (a CDOP annual report took a fifth longer).
constexpr int kTrimAbove = 16 * 1024 * 1024;
// A release runs once no long request has ended for this long. A report
// after a release faults in again what the one before had freed: on the
// national data a CDOP annual report takes about 190 ms after a release and
// 125 ms without (and releasing once a second while reports kept coming made
// one in eight take that much longer). Five seconds cover someone reading a
// report after another, or the same for another period.
constexpr std::chrono::milliseconds kQuietFor{5000};

}  // namespace

void configure_allocator_for_serving() {
  // glibc's default is eight arenas a core. Four a core keep sixteen request
  // threads from waiting for each other's arena (a thread that loses its core
  // holding an arena's lock stops the others that share it): with two a core,
  // timelines at 16 connections came 15% slower and a case's clocks 7%.
  // More than that did not read faster and kept more memory between
  // requests, each arena its own free top (kTrimAbove).
  const unsigned cores = usable_cores();
  mallopt(M_ARENA_MAX, static_cast<int>(4 * cores));
  mallopt(M_MMAP_THRESHOLD, kOwnMappingFrom);
  mallopt(M_TRIM_THRESHOLD, kTrimAbove);
}

MemoryRelease::MemoryRelease() : thread_([this] { run(); }) {}

MemoryRelease::~MemoryRelease() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void MemoryRelease::after_request(std::chrono::milliseconds took, TimePoint now) {
  if (took < kHeavyRequest) return;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    // Within kQuietFor of the last long request, this one postpones that
    // one's release; after it, it asks for a release of its own.
    if (now >= due_) ++asked_;
    due_ = std::max(due_, now + kQuietFor);
  }
  wake_.notify_one();
}

long long MemoryRelease::releases_asked() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return asked_;
}

long long MemoryRelease::releases_done() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return done_;
}

bool MemoryRelease::release_wanted() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return released_to_ < due_;
}

void MemoryRelease::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return released_to_ < due_ || stopping_; });
    if (stopping_) return;
    const TimePoint due = due_;
    if (wake_.wait_until(lock, due, [this] { return stopping_; })) return;
    if (due_ != due) continue;  // a long request ended meanwhile: wait until its due
    lock.unlock();
    malloc_trim(0);
    lock.lock();
    // Only now: release_wanted() stays true until the release has run.
    released_to_ = due;
    ++done_;
  }
}

}  // namespace casereview::web
