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
constexpr long long kAtMostEveryMs = 1000;

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

void MemoryRelease::after_request(std::chrono::milliseconds took, std::chrono::steady_clock::time_point now) {
  if (took < kHeavyRequest) return;
  const long long at = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  long long last = last_asked_ms_.load();
  if (last != kNever && at - last < kAtMostEveryMs) return;
  // One thread of a burst asks; the others go on.
  if (!last_asked_ms_.compare_exchange_strong(last, at)) return;
  ++asked_;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    wanted_ = true;
  }
  wake_.notify_one();
}

void MemoryRelease::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    malloc_trim(0);
    lock.lock();
  }
}

}  // namespace casereview::web
