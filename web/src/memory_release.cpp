#include "memory_release.h"

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "casereview/db/sqlite_store.h"
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

std::int64_t file_pages_resident_bytes() {
  // statm: size, resident, shared (the resident pages backed by a file or
  // shared memory; casereview maps no shared memory), in pages.
  std::ifstream statm("/proc/self/statm");
  std::int64_t size = 0;
  std::int64_t resident = 0;
  std::int64_t shared = 0;
  if (!(statm >> size >> resident >> shared)) return 0;
  return shared * static_cast<std::int64_t>(::sysconf(_SC_PAGESIZE));
}

MemoryRelease::MemoryRelease(FileResidentBytes file_resident, std::chrono::milliseconds look_every)
    : file_resident_(std::move(file_resident)), look_every_(look_every), thread_([this] { run(); }) {}

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
    // Within a stage's quiet time of the last long request, this one
    // postpones that one's release; after it, it asks for a release of its own.
    for (Stage* stage : {&allocator_, &mapped_file_}) {
      if (now >= stage->due) ++stage->asked;
      stage->due = std::max(stage->due, now + stage->quiet);
    }
  }
  wake_.notify_one();
}

long long MemoryRelease::releases_asked() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return allocator_.asked;
}

long long MemoryRelease::releases_done() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return allocator_.done;
}

bool MemoryRelease::release_wanted() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return allocator_.wanted();
}

long long MemoryRelease::mapped_file_releases_done() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return mapped_file_.done;
}

bool MemoryRelease::mapped_file_release_wanted() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return mapped_file_.wanted();
}

long long MemoryRelease::file_pages_looked_at() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return looked_at_;
}

long long MemoryRelease::mapped_file_releases_for_growth() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return released_for_growth_;
}

void MemoryRelease::run() {
  // What the program and libraries hold counts as the first release's mark:
  // the budget is for the database file's pages mapped after it.
  file_resident_after_release_ = file_resident_();
  std::unique_lock<std::mutex> lock(mutex_);
  TimePoint next_look = std::chrono::steady_clock::now() + look_every_;
  for (;;) {
    if (stopping_) return;
    const TimePoint allocator_due = allocator_.due;
    const TimePoint mapped_file_due = mapped_file_.due;
    TimePoint next = next_look;
    if (allocator_.wanted()) next = std::min(next, allocator_due);
    if (mapped_file_.wanted()) next = std::min(next, mapped_file_due);
    // A long request that ends meanwhile moves the dues: they are looked at
    // again, as one may now come before `next` (the allocator's five seconds
    // after it, while the mapped file's are still most of a minute away).
    const bool woken = wake_.wait_until(lock, next, [&] {
      return stopping_ || allocator_.due != allocator_due || mapped_file_.due != mapped_file_due;
    });
    if (stopping_) return;
    if (woken) continue;
    const TimePoint now = std::chrono::steady_clock::now();
    const bool trim = allocator_.wanted() && allocator_due <= now;
    const bool unmap = mapped_file_.wanted() && mapped_file_due <= now;
    const bool look = next_look <= now;
    if (look) next_look = now + look_every_;
    lock.unlock();
    if (trim) malloc_trim(0);
    const bool grown = look && !unmap && file_resident_() - file_resident_after_release_ > kMappedFileGrowthAtMost;
    if (unmap || grown) {
      db::release_mapped_file_pages();
      file_resident_after_release_ = file_resident_();
    }
    lock.lock();
    // Only now: a stage stays wanted until its release has run.
    if (trim) allocator_.released(allocator_due);
    if (unmap) mapped_file_.released(mapped_file_due);
    if (look) ++looked_at_;
    if (grown) ++released_for_growth_;
  }
}

}  // namespace casereview::web
