#include "memory_release.h"

#include <malloc.h>

#include <algorithm>

namespace casereview::web {
namespace {

// Blocks of at least this size are mapped on their own and unmapped when
// freed. Setting it also stops glibc raising it as blocks are freed, which
// is how a server that built one large report keeps its memory.
constexpr int kOwnMappingFrom = 256 * 1024;
// Free memory at the top of an arena beyond this is returned when freed.
constexpr int kTrimAbove = 1024 * 1024;
// Releases are at least this far apart, however many long requests end.
constexpr std::chrono::milliseconds kAtLeastApart{1000};

}  // namespace

void configure_allocator_for_serving() {
  // glibc's default is eight arenas a core; two a core keep threads from
  // waiting for each other's arena without each of sixteen threads holding
  // its own high-water mark.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  mallopt(M_ARENA_MAX, static_cast<int>(2 * cores));
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
    // A release due at or after the end of this request gives back what it freed.
    if (due_ >= now) return;
    due_ = due_ == TimePoint::min() ? now : std::max(now, due_ + kAtLeastApart);
    ++asked_;
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
    // Requests that end before `due` ask for nothing more (after_request).
    const TimePoint due = due_;
    if (wake_.wait_until(lock, due, [this] { return stopping_; })) return;
    lock.unlock();
    malloc_trim(0);
    lock.lock();
    // Only now: release_wanted() stays true until the release has run.
    released_to_ = due;
    ++done_;
  }
}

}  // namespace casereview::web
